package network.aioz.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Component;

/**
 * Bucket CORS as S3 does it: rules with allowed origins (one {@code *} wildcard each), methods and
 * headers; preflight {@code OPTIONS} answered without credentials; actual requests from a matching
 * origin get the allow headers.
 */
@Component
class Cors {

  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

  record Rule(
      String id,
      List<String> origins,
      List<String> methods,
      List<String> allowedHeaders,
      List<String> exposeHeaders,
      Integer maxAgeSeconds) {}

  private final BucketService buckets;

  Cors(BucketService buckets) {
    this.buckets = buckets;
  }

  static List<Rule> parse(String xml) {
    Xml.Node root;
    try {
      root = Xml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 64 * 1024);
    } catch (IOException e) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    if (!"CORSConfiguration".equals(root.name())) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    List<Rule> rules = new ArrayList<>();
    for (Xml.Node rule : root.all("CORSRule")) {
      List<String> origins = rule.all("AllowedOrigin").stream().map(Xml.Node::text).toList();
      List<String> methods = rule.all("AllowedMethod").stream().map(Xml.Node::text).toList();
      if (origins.isEmpty() || methods.isEmpty()) {
        throw new S3Exception(
            S3ErrorCode.MalformedXML, "A CORSRule needs an AllowedOrigin and an AllowedMethod.");
      }
      for (String m : methods) {
        if (!METHODS.contains(m)) {
          throw new S3Exception(
              S3ErrorCode.InvalidRequest,
              "Found unsupported HTTP method in CORS config. Unsupported method is " + m);
        }
      }
      for (String o : origins) {
        if (o.indexOf('*') != o.lastIndexOf('*')) {
          throw new S3Exception(
              S3ErrorCode.InvalidRequest,
              "AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
        }
      }
      String maxAge = rule.text("MaxAgeSeconds");
      Integer age;
      try {
        age = maxAge == null ? null : Integer.valueOf(maxAge);
      } catch (NumberFormatException e) {
        throw new S3Exception(S3ErrorCode.MalformedXML);
      }
      rules.add(
          new Rule(
              rule.text("ID"),
              origins,
              methods,
              rule.all("AllowedHeader").stream().map(Xml.Node::text).toList(),
              rule.all("ExposeHeader").stream().map(Xml.Node::text).toList(),
              age));
    }
    if (rules.isEmpty() || rules.size() > 100) {
      throw new S3Exception(S3ErrorCode.MalformedXML, "A CORS configuration has 1 to 100 rules.");
    }
    return rules;
  }

  static Xml.Writer toXml(List<Rule> rules) {
    Xml.Writer doc = Xml.Writer.document("CORSConfiguration");
    for (Rule rule : rules) {
      doc.start("CORSRule").element("ID", rule.id());
      rule.allowedHeaders().forEach(h -> doc.element("AllowedHeader", h));
      rule.methods().forEach(m -> doc.element("AllowedMethod", m));
      rule.origins().forEach(o -> doc.element("AllowedOrigin", o));
      rule.exposeHeaders().forEach(h -> doc.element("ExposeHeader", h));
      doc.element("MaxAgeSeconds", rule.maxAgeSeconds());
      doc.end();
    }
    return doc;
  }

  /** Answers a preflight request: 200 with the allow headers, or 403 when no rule matches. */
  void preflight(S3Request r) {
    String origin = r.header("Origin");
    String method = r.header("Access-Control-Request-Method");
    if (r.bucket() == null || origin == null || method == null) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest, "Insufficient information. Origin request header needed.");
    }
    Bucket bucket = buckets.findAnyOwner(r.bucket()).orElse(null);
    if (bucket == null || bucket.corsXml() == null) {
      throw new S3Exception(
          S3ErrorCode.AccessDenied, "CORSResponse: This CORS request is not allowed.");
    }
    List<String> requested = new ArrayList<>();
    String raw = r.header("Access-Control-Request-Headers");
    if (raw != null) {
      for (String h : raw.split(",")) {
        if (!h.isBlank()) {
          requested.add(h.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (Rule rule : parse(bucket.corsXml())) {
      if (matchesOrigin(rule, origin)
          && rule.methods().contains(method)
          && requested.stream().allMatch(h -> headerAllowed(rule, h))) {
        var response = r.response();
        response.setHeader(
            "Access-Control-Allow-Origin", rule.origins().contains("*") ? "*" : origin);
        response.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.methods()));
        if (!requested.isEmpty()) {
          response.setHeader("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        if (!rule.exposeHeaders().isEmpty()) {
          response.setHeader(
              "Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
          response.setHeader("Access-Control-Max-Age", String.valueOf(rule.maxAgeSeconds()));
        }
        response.setHeader(
            "Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        S3Responses.empty(r, 200);
        return;
      }
    }
    throw new S3Exception(
        S3ErrorCode.AccessDenied, "CORSResponse: This CORS request is not allowed.");
  }

  /** Adds the allow headers to an actual request from an origin a rule allows. */
  void decorate(S3Request r) {
    String origin = r.header("Origin");
    if (origin == null || r.bucket() == null) {
      return;
    }
    Bucket bucket = buckets.findAnyOwner(r.bucket()).orElse(null);
    if (bucket == null || bucket.corsXml() == null || !bucket.tenantId().equals(r.tenant())) {
      return;
    }
    for (Rule rule : parse(bucket.corsXml())) {
      if (matchesOrigin(rule, origin) && rule.methods().contains(r.method())) {
        var response = r.response();
        response.setHeader(
            "Access-Control-Allow-Origin", rule.origins().contains("*") ? "*" : origin);
        response.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.methods()));
        if (!rule.exposeHeaders().isEmpty()) {
          response.setHeader(
              "Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
          response.setHeader("Access-Control-Max-Age", String.valueOf(rule.maxAgeSeconds()));
        }
        response.setHeader(
            "Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return;
      }
    }
  }

  private static boolean matchesOrigin(Rule rule, String origin) {
    return rule.origins().stream().anyMatch(pattern -> wildcard(pattern, origin));
  }

  private static boolean headerAllowed(Rule rule, String header) {
    return rule.allowedHeaders().stream()
        .anyMatch(pattern -> wildcard(pattern.toLowerCase(Locale.ROOT), header));
  }

  private static boolean wildcard(String pattern, String value) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    String head = pattern.substring(0, star);
    String tail = pattern.substring(star + 1);
    return value.length() >= head.length() + tail.length()
        && value.startsWith(head)
        && value.endsWith(tail);
  }
}
