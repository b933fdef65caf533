package network.aioz.storage.s3;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.aioz.storage.data.DataKeys;
import network.aioz.storage.data.DataUnavailableException;
import network.aioz.storage.data.Placements;
import network.aioz.storage.funds.FundsGate;
import network.aioz.storage.object.ObjectService;
import network.aioz.storage.s3.auth.ServletRequestView;
import network.aioz.storage.s3.auth.SigV4Authenticator;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import network.aioz.storage.support.StorageProperties;
import network.aioz.storage.usage.UsageMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The S3 endpoint: every request that is not for the actuator is routed here (path-style {@code
 * /bucket/key} or virtual-host-style {@code bucket.<suffix>/key}), authenticated with SigV4 and
 * dispatched to an operation. Every refusal is an S3 XML error; nothing else ever reaches the
 * client.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class S3Filter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(S3Filter.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** S3 refuses request header sections above 8 KiB; the server's own limit is set higher. */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  private final SigV4Authenticator authenticator;
  private final BucketOperations bucketOps;
  private final ObjectOperations objectOps;
  private final MultipartOperations multipartOps;
  private final Cors cors;
  private final UsageMeter usage;
  private final FundsGate funds;
  private final List<String> virtualHostSuffixes;

  S3Filter(
      SigV4Authenticator authenticator,
      BucketOperations bucketOps,
      ObjectOperations objectOps,
      MultipartOperations multipartOps,
      Cors cors,
      UsageMeter usage,
      FundsGate funds,
      StorageProperties settings) {
    this.authenticator = authenticator;
    this.bucketOps = bucketOps;
    this.objectOps = objectOps;
    this.multipartOps = multipartOps;
    this.cors = cors;
    this.usage = usage;
    this.funds = funds;
    this.virtualHostSuffixes =
        settings.virtualHostSuffixes().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    boolean signed =
        request.getHeader("Authorization") != null
            || (request.getQueryString() != null && request.getQueryString().contains("X-Amz-"));
    return !signed && (path.equals("/actuator") || path.startsWith("/actuator/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest servlet, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    String requestId = HexFormat.of().withUpperCase().formatHex(id);
    response.setHeader("x-amz-request-id", requestId);
    response.setHeader("x-amz-id-2", requestId);
    response.setHeader("Server", "AIOZ-S3");
    String resource = servlet.getRequestURI();
    boolean head = "HEAD".equals(servlet.getMethod());
    S3Request request = null;
    CountingResponse counted = new CountingResponse(response);
    try {
      checkHeaderSize(servlet);
      request = route(servlet, counted, requestId);
      if ("OPTIONS".equals(servlet.getMethod())) {
        cors.preflight(request);
        return;
      }
      request.authenticated(authenticator.authenticate(new ServletRequestView(servlet)));
      cors.decorate(request);
      if (startsNewWork(request)) {
        funds.requireFunded(request.tenant());
      }
      dispatch(request);
      meter(request, counted);
    } catch (S3Exception e) {
      fail(response, e, resource, requestId, head);
    } catch (ObjectService.DeleteMarkerException e) {
      response.setHeader("x-amz-delete-marker", "true");
      response.setHeader("x-amz-version-id", e.marker().versionId());
      if (e.byVersionId()) {
        response.setHeader("Allow", "DELETE");
        fail(response, new S3Exception(S3ErrorCode.MethodNotAllowed), resource, requestId, head);
      } else {
        fail(
            response,
            new S3Exception(S3ErrorCode.NoSuchKey).detail("Key", e.marker().key()),
            resource,
            requestId,
            head);
      }
    } catch (DataKeys.WrongKeyException e) {
      fail(
          response,
          new S3Exception(S3ErrorCode.AccessDenied, e.getMessage()),
          resource,
          requestId,
          head);
    } catch (DataUnavailableException e) {
      log.warn("read failed: {}", e.getMessage());
      fail(
          response,
          new S3Exception(
              S3ErrorCode.ServiceUnavailable,
              "Not enough pieces of the object are reachable right now; please retry."),
          resource,
          requestId,
          head);
    } catch (Placements.PlacementException e) {
      log.warn("placement failed: {}", e.getMessage());
      fail(
          response,
          new S3Exception(
              e.unavailable() ? S3ErrorCode.ServiceUnavailable : S3ErrorCode.InternalError,
              e.unavailable()
                  ? "Not enough storage nodes are available right now; please retry."
                  : null),
          resource,
          requestId,
          head);
    } catch (network.aioz.storage.data.BlobWriter.SegmentWriteException e) {
      log.warn("write failed: {}", e.getMessage());
      fail(
          response,
          new S3Exception(
              S3ErrorCode.ServiceUnavailable,
              "Not enough storage nodes accepted the data; please retry."),
          resource,
          requestId,
          head);
    } catch (IOException e) {
      // the client went away or the connection broke mid-body: nothing was committed
      log.debug("request {} aborted: {}", requestId, e.toString());
      if (servlet.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null
          && response.isCommitted()) {
        // Tomcat answers a failed body read with sendError(400) itself; its error dispatch
        // (S3ErrorController) writes the S3 error, where throwing would turn it into a 500
        return;
      }
      fail(
          response,
          new S3Exception(S3ErrorCode.IncompleteBody, "The request body could not be read."),
          resource,
          requestId,
          head);
    } catch (RuntimeException e) {
      log.error("request {} {} {} failed", requestId, servlet.getMethod(), resource, e);
      fail(response, new S3Exception(S3ErrorCode.InternalError), resource, requestId, head);
    }
  }

  /** Requests, bytes in and bytes out of a served request, for billing. */
  private void meter(S3Request request, CountingResponse response) {
    if (request.auth() == null) {
      return;
    }
    String method = request.method();
    boolean read =
        ("GET".equals(method) || "HEAD".equals(method))
            && request.key() != null
            && !request.has("uploadId");
    usage.request(
        request.tenant(),
        request.bucket(),
        read ? UsageMeter.RequestClass.B : UsageMeter.RequestClass.A);
    if (response.bytes() > 0 && read) {
      usage.egress(request.tenant(), request.bucket(), response.bytes());
    }
    long in = request.bodyBytesRead();
    if (in > 0) {
      usage.ingress(request.tenant(), request.bucket(), in);
    }
  }

  private static void fail(
      HttpServletResponse response, S3Exception e, String resource, String requestId, boolean head)
      throws IOException {
    if (response.isCommitted()) {
      // a streamed body broke after its headers went out: cut the connection so the client
      // sees a short body rather than a complete one
      throw new IOException("response already committed; aborting: " + e.getMessage());
    }
    response.resetBuffer();
    S3Responses.error(response, e, resource, requestId, head);
  }

  private static void checkHeaderSize(HttpServletRequest servlet) {
    int total = 0;
    for (String name : java.util.Collections.list(servlet.getHeaderNames())) {
      for (String value : java.util.Collections.list(servlet.getHeaders(name))) {
        total += name.length() + value.length() + 4;
      }
    }
    if (total > MAX_HEADER_BYTES) {
      throw new S3Exception(S3ErrorCode.RequestHeaderSectionTooLarge)
          .detail("MaxSizeAllowed", String.valueOf(MAX_HEADER_BYTES));
    }
  }

  private S3Request route(HttpServletRequest servlet, HttpServletResponse response, String id) {
    String path = S3Request.decode(servlet.getRequestURI(), false);
    Map<String, List<String>> query = S3Request.parseQuery(servlet.getQueryString());
    String host = servlet.getHeader("Host");
    String hostBucket = host == null ? null : bucketFromHost(host);
    String bucket;
    String key;
    String rest = path.startsWith("/") ? path.substring(1) : path;
    if (hostBucket != null) {
      bucket = hostBucket;
      key = rest.isEmpty() ? null : rest;
    } else {
      int slash = rest.indexOf('/');
      bucket = rest.isEmpty() ? null : slash < 0 ? rest : rest.substring(0, slash);
      key = slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
    }
    return new S3Request(
        servlet, response, new ServletRequestView(servlet), bucket, key, query, id);
  }

  private String bucketFromHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    for (String suffix : virtualHostSuffixes) {
      if (h.endsWith("." + suffix)) {
        return h.substring(0, h.length() - suffix.length() - 1);
      }
    }
    return null;
  }

  private void dispatch(S3Request r) throws IOException {
    String method = r.method();
    if (r.bucket() == null) {
      if ("GET".equals(method)) {
        bucketOps.listBuckets(r);
        return;
      }
      throw new S3Exception(S3ErrorCode.MethodNotAllowed);
    }
    if (r.key() == null) {
      switch (method) {
        case "PUT" -> {
          if (r.has("versioning")) {
            bucketOps.putVersioning(r);
          } else if (r.has("cors")) {
            bucketOps.putCors(r);
          } else if (r.has("tagging")) {
            bucketOps.putTagging(r);
          } else if (unsupportedSubresource(r)) {
            throw notImplemented(r);
          } else {
            bucketOps.create(r);
          }
        }
        case "GET" -> {
          if (r.has("versioning")) {
            bucketOps.getVersioning(r);
          } else if (r.has("cors")) {
            bucketOps.getCors(r);
          } else if (r.has("tagging")) {
            bucketOps.getTagging(r);
          } else if (r.has("location")) {
            bucketOps.location(r);
          } else if (r.has("uploads")) {
            multipartOps.listUploads(r);
          } else if (r.has("versions")) {
            bucketOps.listVersions(r);
          } else if (unsupportedSubresource(r)) {
            throw notImplemented(r);
          } else if ("2".equals(r.param("list-type"))) {
            bucketOps.listV2(r);
          } else {
            bucketOps.listV1(r);
          }
        }
        case "HEAD" -> bucketOps.head(r);
        case "DELETE" -> {
          if (r.has("cors")) {
            bucketOps.deleteCors(r);
          } else if (r.has("tagging")) {
            bucketOps.deleteTagging(r);
          } else if (unsupportedSubresource(r)) {
            throw notImplemented(r);
          } else {
            bucketOps.delete(r);
          }
        }
        case "POST" -> {
          if (r.has("delete")) {
            objectOps.deleteObjects(r);
          } else {
            throw new S3Exception(S3ErrorCode.MethodNotAllowed);
          }
        }
        default -> throw new S3Exception(S3ErrorCode.MethodNotAllowed);
      }
      return;
    }
    switch (method) {
      case "PUT" -> {
        if (r.has("uploadId")) {
          multipartOps.uploadPart(r);
        } else if (r.has("tagging")) {
          objectOps.putTagging(r);
        } else if (unsupportedSubresource(r)) {
          throw notImplemented(r);
        } else if (r.header("x-amz-copy-source") != null) {
          objectOps.copy(r);
        } else {
          objectOps.put(r);
        }
      }
      case "GET" -> {
        if (r.has("uploadId")) {
          multipartOps.listParts(r);
        } else if (r.has("tagging")) {
          objectOps.getTagging(r);
        } else if (unsupportedSubresource(r)) {
          throw notImplemented(r);
        } else {
          objectOps.get(r, false);
        }
      }
      case "HEAD" -> objectOps.get(r, true);
      case "DELETE" -> {
        if (r.has("uploadId")) {
          multipartOps.abort(r);
        } else if (r.has("tagging")) {
          objectOps.deleteTagging(r);
        } else {
          objectOps.delete(r);
        }
      }
      case "POST" -> {
        if (r.has("uploads")) {
          multipartOps.create(r);
        } else if (r.has("uploadId")) {
          multipartOps.complete(r);
        } else {
          throw new S3Exception(S3ErrorCode.MethodNotAllowed);
        }
      }
      default -> throw new S3Exception(S3ErrorCode.MethodNotAllowed);
    }
  }

  /**
   * PutObject, CopyObject, UploadPart, UploadPartCopy and CreateMultipartUpload: what stores new
   * bytes on edges. Reads, listings, deletes, tagging, bucket configuration and completing an
   * upload already started are not new work, so a tenant out of funds can still drain what it has.
   */
  static boolean startsNewWork(S3Request r) {
    if (r.bucket() == null || r.key() == null) {
      return false;
    }
    return switch (r.method()) {
      case "PUT" -> r.has("uploadId") || (!r.has("tagging") && !unsupportedSubresource(r));
      case "POST" -> r.has("uploads");
      default -> false;
    };
  }

  private static final List<String> UNSUPPORTED =
      List.of(
          "acl",
          "policy",
          "lifecycle",
          "replication",
          "website",
          "logging",
          "notification",
          "encryption",
          "object-lock",
          "retention",
          "legal-hold",
          "accelerate",
          "requestPayment",
          "analytics",
          "inventory",
          "metrics",
          "ownershipControls",
          "publicAccessBlock",
          "intelligent-tiering",
          "restore",
          "select",
          "torrent",
          "attributes",
          "policyStatus");

  private static boolean unsupportedSubresource(S3Request r) {
    return UNSUPPORTED.stream().anyMatch(r::has);
  }

  private static S3Exception notImplemented(S3Request r) {
    String which = UNSUPPORTED.stream().filter(r::has).findFirst().orElse("?");
    return new S3Exception(
        S3ErrorCode.NotImplemented,
        "The '" + which + "' subresource is not supported by this service.");
  }
}
