package network.aioz.storage.s3;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.object.Listing;
import network.aioz.storage.object.ObjectService;
import network.aioz.storage.object.ObjectVersion;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Component;

/** Bucket operations and object listings, translated between S3's wire format and the services. */
@Component
class BucketOperations {

  private static final int MAX_CONFIG_BYTES = 64 * 1024;

  private final BucketService buckets;
  private final ObjectService objects;

  BucketOperations(BucketService buckets, ObjectService objects) {
    this.buckets = buckets;
    this.objects = objects;
  }

  void listBuckets(S3Request r) throws IOException {
    Xml.Writer doc = Xml.Writer.document("ListAllMyBucketsResult");
    doc.start("Owner").element("ID", r.tenant()).element("DisplayName", r.tenant()).end();
    doc.start("Buckets");
    for (Bucket b : buckets.list(r.tenant())) {
      doc.start("Bucket")
          .element("Name", b.name())
          .element("CreationDate", S3Responses.isoDate(b.createdAt()))
          .element("BucketRegion", b.region())
          .end();
    }
    doc.end();
    S3Responses.xml(r, 200, doc);
  }

  void create(S3Request r) throws IOException {
    String location = null;
    var body = r.body();
    byte[] bytes = body.readNBytes(MAX_CONFIG_BYTES + 1);
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new S3Exception(S3ErrorCode.MaxMessageLengthExceeded);
    }
    if (bytes.length > 0) {
      Xml.Node config = Xml.parse(new java.io.ByteArrayInputStream(bytes), MAX_CONFIG_BYTES);
      if (!"CreateBucketConfiguration".equals(config.name())) {
        throw new S3Exception(S3ErrorCode.MalformedXML);
      }
      location = config.text("LocationConstraint");
    }
    Bucket bucket =
        buckets.create(
            r.tenant(),
            r.bucket(),
            location,
            r.header("x-aioz-redundancy"),
            r.header(BucketService.PROOF_PRIORITY_HEADER));
    r.response().setHeader("Location", "/" + bucket.name());
    S3Responses.empty(r, 200);
  }

  void head(S3Request r) {
    Bucket b = buckets.require(r.tenant(), r.bucket());
    r.response().setHeader("x-amz-bucket-region", b.region());
    r.response().setHeader("x-aioz-redundancy", b.redundancy());
    r.response().setHeader(BucketService.PROOF_PRIORITY_HEADER, b.proofPriority());
    S3Responses.empty(r, 200);
  }

  void delete(S3Request r) {
    buckets.delete(r.tenant(), r.bucket());
    S3Responses.empty(r, 204);
  }

  void location(S3Request r) throws IOException {
    Bucket b = buckets.require(r.tenant(), r.bucket());
    // S3 answers an empty constraint for us-east-1
    byte[] body =
        "us-east-1".equals(b.region())
            ? ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\""
                    + Xml.NS
                    + "\"/>")
                .getBytes(StandardCharsets.UTF_8)
            : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\""
                    + Xml.NS
                    + "\">"
                    + b.region()
                    + "</LocationConstraint>")
                .getBytes(StandardCharsets.UTF_8);
    S3Responses.xml(r.response(), 200, body);
  }

  void getVersioning(S3Request r) throws IOException {
    Bucket b = buckets.require(r.tenant(), r.bucket());
    Xml.Writer doc = Xml.Writer.document("VersioningConfiguration");
    if (!"Unversioned".equals(b.versioning())) {
      doc.element("Status", b.versioning());
    }
    S3Responses.xml(r, 200, doc);
  }

  void putVersioning(S3Request r) throws IOException {
    Xml.Node config = Xml.parse(r.body(), MAX_CONFIG_BYTES);
    if (!"VersioningConfiguration".equals(config.name())) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    if ("Enabled".equals(config.text("MfaDelete"))) {
      throw new S3Exception(S3ErrorCode.NotImplemented, "MFA delete is not supported.");
    }
    buckets.setVersioning(r.tenant(), r.bucket(), config.text("Status"));
    S3Responses.empty(r, 200);
  }

  void getCors(S3Request r) throws IOException {
    Bucket b = buckets.require(r.tenant(), r.bucket());
    if (b.corsXml() == null) {
      throw new S3Exception(S3ErrorCode.NoSuchCORSConfiguration).detail("BucketName", b.name());
    }
    S3Responses.xml(r, 200, Cors.toXml(Cors.parse(b.corsXml())));
  }

  void putCors(S3Request r) throws IOException {
    buckets.require(r.tenant(), r.bucket());
    byte[] bytes = r.body().readNBytes(MAX_CONFIG_BYTES + 1);
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new S3Exception(S3ErrorCode.MaxMessageLengthExceeded);
    }
    String xml = new String(bytes, StandardCharsets.UTF_8);
    Cors.parse(xml);
    buckets.setCors(r.tenant(), r.bucket(), xml);
    S3Responses.empty(r, 200);
  }

  void deleteCors(S3Request r) {
    buckets.setCors(r.tenant(), r.bucket(), null);
    S3Responses.empty(r, 204);
  }

  void getTagging(S3Request r) throws IOException {
    Bucket b = buckets.require(r.tenant(), r.bucket());
    if (b.tags() == null) {
      throw new S3Exception(S3ErrorCode.NoSuchTagSet).detail("BucketName", b.name());
    }
    S3Responses.xml(r, 200, Tagging.toXml(b.tags()));
  }

  void putTagging(S3Request r) throws IOException {
    Map<String, String> tags =
        Tagging.fromXml(Xml.parse(r.body(), MAX_CONFIG_BYTES), Tagging.MAX_BUCKET_TAGS);
    buckets.setTags(r.tenant(), r.bucket(), tags);
    S3Responses.empty(r, 204);
  }

  void deleteTagging(S3Request r) {
    buckets.setTags(r.tenant(), r.bucket(), null);
    S3Responses.empty(r, 204);
  }

  void listV2(S3Request r) throws IOException {
    String prefix = nullToEmpty(r.param("prefix"));
    String delimiter = r.param("delimiter");
    String token = r.param("continuation-token");
    String startAfter = r.param("start-after");
    boolean url = encoding(r);
    int maxKeys = maxKeys(r);
    String after = startAfter == null ? "" : startAfter;
    if (token != null) {
      after = decodeToken(token);
    }
    Listing.Page page = objects.list(r.tenant(), r.bucket(), prefix, delimiter, after, maxKeys);
    Xml.Writer doc = Xml.Writer.document("ListBucketResult");
    doc.element("Name", r.bucket())
        .element("Prefix", enc(prefix, url))
        .element("Delimiter", delimiter == null ? null : enc(delimiter, url))
        .element("MaxKeys", maxKeys)
        .element("EncodingType", url ? "url" : null)
        .element("KeyCount", page.contents().size() + page.commonPrefixes().size())
        .element("IsTruncated", page.truncated())
        .element("ContinuationToken", token)
        .element("NextContinuationToken", page.truncated() ? encodeToken(page.next()) : null)
        .element("StartAfter", startAfter == null ? null : enc(startAfter, url));
    contents(doc, page, url, r.has("fetch-owner") && "true".equals(r.param("fetch-owner")));
    S3Responses.xml(r, 200, doc);
  }

  void listV1(S3Request r) throws IOException {
    String prefix = nullToEmpty(r.param("prefix"));
    String delimiter = r.param("delimiter");
    String marker = r.param("marker");
    boolean url = encoding(r);
    int maxKeys = maxKeys(r);
    Listing.Page page =
        objects.list(r.tenant(), r.bucket(), prefix, delimiter, nullToEmpty(marker), maxKeys);
    Xml.Writer doc = Xml.Writer.document("ListBucketResult");
    doc.element("Name", r.bucket())
        .element("Prefix", enc(prefix, url))
        .element("Marker", enc(nullToEmpty(marker), url))
        .element("MaxKeys", maxKeys)
        .element("Delimiter", delimiter == null ? null : enc(delimiter, url))
        .element("EncodingType", url ? "url" : null)
        .element("IsTruncated", page.truncated())
        .element(
            "NextMarker", page.truncated() && delimiter != null ? enc(page.next(), url) : null);
    contents(doc, page, url, true);
    S3Responses.xml(r, 200, doc);
  }

  void listVersions(S3Request r) throws IOException {
    String prefix = nullToEmpty(r.param("prefix"));
    String delimiter = r.param("delimiter");
    String keyMarker = r.param("key-marker");
    String versionMarker = r.param("version-id-marker");
    boolean url = encoding(r);
    int maxKeys = maxKeys(r);
    if (versionMarker != null
        && !versionMarker.isEmpty()
        && (keyMarker == null || keyMarker.isEmpty())) {
      throw new S3Exception(
          S3ErrorCode.InvalidArgument,
          "A version-id marker cannot be specified without a key marker.");
    }
    Listing.VersionPage page =
        objects.listVersions(
            r.tenant(), r.bucket(), prefix, delimiter, keyMarker, versionMarker, maxKeys);
    Xml.Writer doc = Xml.Writer.document("ListVersionsResult");
    doc.element("Name", r.bucket())
        .element("Prefix", enc(prefix, url))
        .element("KeyMarker", enc(nullToEmpty(keyMarker), url))
        .element("VersionIdMarker", nullToEmpty(versionMarker))
        .element("NextKeyMarker", page.truncated() ? enc(page.nextKeyMarker(), url) : null)
        .element(
            "NextVersionIdMarker",
            page.truncated() && page.nextVersionIdMarker() != null
                ? page.nextVersionIdMarker()
                : null)
        .element("MaxKeys", maxKeys)
        .element("Delimiter", delimiter == null ? null : enc(delimiter, url))
        .element("EncodingType", url ? "url" : null)
        .element("IsTruncated", page.truncated());
    for (ObjectVersion v : page.versions()) {
      doc.start(v.deleteMarker() ? "DeleteMarker" : "Version")
          .element("Key", enc(v.key(), url))
          .element("VersionId", v.versionId())
          .element("IsLatest", v.latest())
          .element("LastModified", S3Responses.isoDate(v.lastModified()));
      if (!v.deleteMarker()) {
        doc.element("ETag", "\"" + v.etag() + "\"")
            .element("Size", v.size())
            .element("StorageClass", "STANDARD");
      }
      doc.start("Owner")
          .element("ID", v.ownerTenant())
          .element("DisplayName", v.ownerTenant())
          .end();
      doc.end();
    }
    for (String p : page.commonPrefixes()) {
      doc.start("CommonPrefixes").element("Prefix", enc(p, url)).end();
    }
    S3Responses.xml(r, 200, doc);
  }

  private static void contents(Xml.Writer doc, Listing.Page page, boolean url, boolean owner) {
    for (ObjectVersion v : page.contents()) {
      doc.start("Contents")
          .element("Key", enc(v.key(), url))
          .element("LastModified", S3Responses.isoDate(v.lastModified()))
          .element("ETag", "\"" + v.etag() + "\"")
          .element("Size", v.size())
          .element("StorageClass", "STANDARD");
      if (v.checksumAlgorithm() != null) {
        doc.element("ChecksumAlgorithm", v.checksumAlgorithm());
      }
      if (owner) {
        doc.start("Owner")
            .element("ID", v.ownerTenant())
            .element("DisplayName", v.ownerTenant())
            .end();
      }
      doc.end();
    }
    for (String p : page.commonPrefixes()) {
      doc.start("CommonPrefixes").element("Prefix", enc(p, url)).end();
    }
  }

  /** {@code encoding-type=url} asked for (the only type S3 knows); anything else is refused. */
  static boolean encoding(S3Request r) {
    String e = r.param("encoding-type");
    if (e == null) {
      return false;
    }
    if (!"url".equals(e)) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument, "Invalid Encoding Method specified in Request")
          .detail("ArgumentName", "encoding-type")
          .detail("ArgumentValue", e);
    }
    return true;
  }

  static int maxKeys(S3Request r) {
    String raw = r.param("max-keys");
    if (raw == null) {
      return 1000;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, 1000);
    } catch (NumberFormatException e) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument,
              "Provided max-keys not an integer or within integer range")
          .detail("ArgumentName", "max-keys")
          .detail("ArgumentValue", raw);
    }
  }

  /** S3's encoding-type=url: URL-encode like a form, but spaces as %20... as S3 does ('+'). */
  static String enc(String s, boolean url) {
    if (!url || s == null) {
      return s;
    }
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String encodeToken(String after) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("k1:" + after).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      String decoded =
          new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      if (!decoded.startsWith("k1:")) {
        throw new IllegalArgumentException();
      }
      return decoded.substring(3);
    } catch (IllegalArgumentException e) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument, "The continuation token provided is incorrect")
          .detail("ArgumentName", "continuation-token");
    }
  }
}
