package network.aioz.storage.s3;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.data.Blob;
import network.aioz.storage.data.BlobWriter;
import network.aioz.storage.data.DataKeys;
import network.aioz.storage.data.Redundancy;
import network.aioz.storage.object.ETags;
import network.aioz.storage.object.NewObject;
import network.aioz.storage.object.ObjectService;
import network.aioz.storage.object.ObjectVersion;
import network.aioz.storage.object.WritePreconditions;
import network.aioz.storage.s3.auth.ChecksumAlgorithm;
import network.aioz.storage.s3.auth.VerifiedBody;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Component;

/** Object operations: PUT, GET/HEAD (ranges, conditions), DELETE, DeleteObjects, copy, tagging. */
@Component
class ObjectOperations {

  static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;
  static final int MAX_METADATA_BYTES = 2 * 1024;
  static final List<String> STORED_HEADERS =
      List.of(
          "Cache-Control",
          "Content-Disposition",
          "Content-Encoding",
          "Content-Language",
          "Expires");
  private static final int MAX_DELETE_BODY = 2 * 1024 * 1024;

  private final BucketService buckets;
  private final ObjectService objects;
  private final BlobWriter writer;
  private final ObjectData data;

  ObjectOperations(
      BucketService buckets, ObjectService objects, BlobWriter writer, ObjectData data) {
    this.buckets = buckets;
    this.objects = objects;
    this.writer = writer;
    this.data = data;
  }

  // ---------------------------------------------------------------- PUT

  void put(S3Request r) throws IOException {
    ObjectService.checkKey(r.key());
    Bucket bucket = buckets.require(r.tenant(), r.bucket());
    WritePreconditions conditions = writeConditions(r);
    objects.checkWrite(bucket, r.key(), conditions);
    Map<String, String> meta = userMetadata(r);
    Map<String, String> headers = storedHeaders(r);
    Map<String, String> tags = Tagging.fromHeader(r.header("x-amz-tagging"));
    DataKeys.CustomerKey ssec = customerKey(r, "x-amz-server-side-encryption-customer-");
    checkServerSideEncryption(r);
    VerifiedBody body = r.body();
    Blob blob = store(writer, r, bucket, ssec, body, MAX_PUT_SIZE);
    String etag = HexFormat.of().formatHex(body.md5());
    Map.Entry<ChecksumAlgorithm, String> checksum = firstChecksum(body);
    ObjectVersion version =
        objects.commit(
            r.tenant(),
            bucket.name(),
            r.key(),
            new NewObject(
                blob.size(),
                etag,
                r.header("Content-Type"),
                headers,
                meta,
                tags,
                checksum == null ? null : checksum.getKey().name(),
                checksum == null ? null : checksum.getValue(),
                checksum == null ? null : "FULL_OBJECT",
                null,
                List.of(new ObjectVersion.ObjectPart(1, blob.id(), 0, blob.size(), etag))),
            conditions,
            List.of(blob.id()),
            List.of());
    HttpServletResponse response = r.response();
    response.setHeader("ETag", ETags.quoted(etag));
    versionHeader(response, bucket, version.versionId());
    encryptionHeaders(response, ssec);
    if (checksum != null) {
      response.setHeader(checksum.getKey().headerName(), checksum.getValue());
    }
    S3Responses.empty(r, 200);
  }

  static WritePreconditions writeConditions(S3Request r) {
    String ifNoneMatch = r.header("If-None-Match");
    if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
      throw new S3Exception(
              S3ErrorCode.NotImplemented,
              "A header you provided implies functionality that is not implemented")
          .detail("Header", "If-None-Match");
    }
    return new WritePreconditions(r.header("If-Match"), ifNoneMatch);
  }

  /**
   * Stores a request body of at most {@code max} bytes as a blob, with the bucket's redundancy and
   * proof priority.
   */
  static Blob store(
      BlobWriter writer,
      S3Request r,
      Bucket bucket,
      DataKeys.CustomerKey ssec,
      VerifiedBody body,
      long max)
      throws IOException {
    checkLength(r, body, max);
    return writer.write(
        r.tenant(),
        Redundancy.parse(bucket.redundancy()),
        bucket.proofPriority(),
        ssec,
        body,
        body.decodedLength());
  }

  static void checkLength(S3Request r, VerifiedBody body, long max) {
    String contentLength = r.header("Content-Length");
    String transfer = r.header("Transfer-Encoding");
    if (contentLength == null
        && (transfer == null || !transfer.toLowerCase(Locale.ROOT).contains("chunked"))) {
      throw new S3Exception(S3ErrorCode.MissingContentLength);
    }
    if (body.decodedLength() > max) {
      throw new S3Exception(S3ErrorCode.EntityTooLarge)
          .detail("ProposedSize", String.valueOf(body.decodedLength()))
          .detail("MaxSizeAllowed", String.valueOf(max));
    }
  }

  static Map<String, String> userMetadata(S3Request r) {
    Map<String, String> meta = r.userMetadata();
    int size = 0;
    for (Map.Entry<String, String> e : meta.entrySet()) {
      size += e.getKey().length() + e.getValue().length();
    }
    if (size > MAX_METADATA_BYTES) {
      throw new S3Exception(S3ErrorCode.MetadataTooLarge)
          .detail("MaxSizeAllowed", String.valueOf(MAX_METADATA_BYTES));
    }
    return meta;
  }

  static Map<String, String> storedHeaders(S3Request r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : STORED_HEADERS) {
      String value = r.header(name);
      if (value != null && name.equals("Content-Encoding")) {
        value = contentCodings(r);
      }
      if (value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  /**
   * The object's own content codings: {@code aws-chunked} describes how this request's body was
   * framed, not the object, and S3 drops it (the SDK sends {@code aws-chunked} alone, or {@code
   * gzip,aws-chunked}); null when nothing else is left.
   */
  static String contentCodings(S3Request r) {
    List<String> codings = new java.util.ArrayList<>();
    for (String value : java.util.Collections.list(r.servlet().getHeaders("Content-Encoding"))) {
      for (String coding : value.split(",")) {
        String c = coding.trim();
        if (!c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")) {
          codings.add(c);
        }
      }
    }
    return codings.isEmpty() ? null : String.join(",", codings);
  }

  static DataKeys.CustomerKey customerKey(S3Request r, String prefix) {
    try {
      return DataKeys.CustomerKey.parse(
          r.header(prefix + "algorithm"), r.header(prefix + "key"), r.header(prefix + "key-MD5"));
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, e.getMessage())
          .detail("ArgumentName", prefix + "key");
    }
  }

  static void checkServerSideEncryption(S3Request r) {
    String sse = r.header("x-amz-server-side-encryption");
    if (sse != null && !"AES256".equals(sse)) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument,
              "Server Side Encryption with "
                  + sse
                  + " is not supported; data is always encrypted with AES256.")
          .detail("ArgumentName", "x-amz-server-side-encryption")
          .detail("ArgumentValue", sse);
    }
  }

  static Map.Entry<ChecksumAlgorithm, String> firstChecksum(VerifiedBody body) {
    return body.checksums().entrySet().stream().findFirst().orElse(null);
  }

  static void versionHeader(HttpServletResponse response, Bucket bucket, String versionId) {
    if (!"Unversioned".equals(bucket.versioning())) {
      response.setHeader("x-amz-version-id", versionId);
    }
  }

  static void encryptionHeaders(HttpServletResponse response, DataKeys.CustomerKey ssec) {
    if (ssec != null) {
      response.setHeader("x-amz-server-side-encryption-customer-algorithm", "AES256");
      response.setHeader("x-amz-server-side-encryption-customer-key-MD5", ssec.md5());
    } else {
      response.setHeader("x-amz-server-side-encryption", "AES256");
    }
  }

  // ---------------------------------------------------------------- GET / HEAD

  void get(S3Request r, boolean head) throws IOException {
    Bucket bucket = buckets.require(r.tenant(), r.bucket());
    ObjectVersion v = objects.get(r.tenant(), bucket.name(), r.key(), r.param("versionId"));
    HttpServletResponse response = r.response();
    versionHeader(response, bucket, v.versionId());
    response.setHeader("ETag", ETags.quoted(v.etag()));
    response.setHeader("Last-Modified", S3Responses.httpDate(v.lastModified()));
    if (!checkReadConditions(r, v)) {
      response.setStatus(304);
      response.setContentLength(0);
      return;
    }
    DataKeys.CustomerKey ssec = customerKey(r, "x-amz-server-side-encryption-customer-");
    ObjectData.Opened opened = data.open(v, ssec);
    long size = v.size();
    long from = 0;
    long length = size;
    boolean partial = false;
    String partNumber = r.param("partNumber");
    if (partNumber != null) {
      int n = parsePartNumber(partNumber);
      int count = v.partCount() == null ? 1 : v.partCount();
      if (n > count) {
        throw new S3Exception(
                S3ErrorCode.InvalidPart, "The requested partnumber is not satisfiable")
            .detail("PartNumberRequested", partNumber)
            .detail("ActualPartCount", String.valueOf(count));
      }
      ObjectVersion.ObjectPart part = v.parts().get(n - 1);
      from = part.offset();
      length = part.size();
      partial = v.partCount() != null;
      response.setHeader("x-amz-mp-parts-count", String.valueOf(count));
      if (v.partCount() != null) {
        response.setHeader("ETag", ETags.quoted(v.etag()));
      }
    } else if (r.header("Range") != null) {
      long[] range = parseRange(r.header("Range"), size);
      if (range != null) {
        from = range[0];
        length = range[1] - range[0] + 1;
        partial = true;
      }
    }
    response.setHeader("Accept-Ranges", "bytes");
    String contentType = v.contentType() == null ? "binary/octet-stream" : v.contentType();
    response.setHeader("Content-Type", override(r, "response-content-type", contentType));
    v.headers().forEach(response::setHeader);
    overrideHeader(r, response, "response-cache-control", "Cache-Control");
    overrideHeader(r, response, "response-content-disposition", "Content-Disposition");
    overrideHeader(r, response, "response-content-encoding", "Content-Encoding");
    overrideHeader(r, response, "response-content-language", "Content-Language");
    overrideHeader(r, response, "response-expires", "Expires");
    v.userMetadata().forEach((k, value) -> response.setHeader("x-amz-meta-" + k, value));
    if (!v.tags().isEmpty()) {
      response.setHeader("x-amz-tagging-count", String.valueOf(v.tags().size()));
    }
    Blob first = opened.first();
    encryptionHeaders(response, first != null && first.customerKeyed() ? ssec : null);
    if (!partial
        && v.checksumAlgorithm() != null
        && "ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode"))) {
      ChecksumAlgorithm.fromName(v.checksumAlgorithm())
          .ifPresent(a -> response.setHeader(a.headerName(), v.checksumValue()));
      response.setHeader("x-amz-checksum-type", v.checksumType());
    }
    if (partial) {
      response.setStatus(206);
      response.setHeader("Content-Range", "bytes " + from + "-" + (from + length - 1) + "/" + size);
    } else {
      response.setStatus(200);
    }
    response.setContentLengthLong(length);
    if (head) {
      return;
    }
    OutputStream out = response.getOutputStream();
    opened.write(from, length, out);
    out.flush();
  }

  private static String override(S3Request r, String param, String value) {
    String o = r.param(param);
    return o != null ? o : value;
  }

  private static void overrideHeader(
      S3Request r, HttpServletResponse response, String param, String header) {
    String o = r.param(param);
    if (o != null) {
      response.setHeader(header, o);
    }
  }

  static int parsePartNumber(String raw) {
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= 10_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new S3Exception(
            S3ErrorCode.InvalidArgument,
            "Part number must be an integer between 1 and 10000, inclusive")
        .detail("ArgumentName", "partNumber")
        .detail("ArgumentValue", raw);
  }

  /**
   * RFC 9110 single byte range: {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}. Returns
   * {first, last} inclusive; null when the header is not a single well-formed range (served whole,
   * as S3 does); InvalidRange when it cannot be satisfied.
   */
  static long[] parseRange(String header, long size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return null;
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    try {
      if (a.isEmpty()) {
        if (b.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(b);
        if (suffix == 0 || size == 0) {
          throw invalidRange(size);
        }
        return new long[] {Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
      if (last < first) {
        return null;
      }
      if (first >= size) {
        throw invalidRange(size);
      }
      return new long[] {first, Math.min(last, size - 1)};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static S3Exception invalidRange(long size) {
    return new S3Exception(S3ErrorCode.InvalidRange)
        .detail("RangeRequested", "bytes")
        .detail("ActualObjectSize", String.valueOf(size));
  }

  /**
   * S3's read conditions (RFC 9110 precedence): a failed If-Match or If-Unmodified-Since is 412; a
   * failed If-None-Match or If-Modified-Since is 304 (returns false).
   */
  static boolean checkReadConditions(S3Request r, ObjectVersion v) {
    String ifMatch = r.header("If-Match");
    String ifNoneMatch = r.header("If-None-Match");
    Instant modified = v.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    if (ifMatch != null) {
      if (!ETags.matches(ifMatch, v.etag())) {
        throw new S3Exception(S3ErrorCode.PreconditionFailed).detail("Condition", "If-Match");
      }
    } else {
      Instant unmodifiedSince = httpDate(r.header("If-Unmodified-Since"));
      if (unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
        throw new S3Exception(S3ErrorCode.PreconditionFailed)
            .detail("Condition", "If-Unmodified-Since");
      }
    }
    if (ifNoneMatch != null) {
      return !ETags.matches(ifNoneMatch, v.etag());
    }
    Instant modifiedSince = httpDate(r.header("If-Modified-Since"));
    return modifiedSince == null || modified.isAfter(modifiedSince);
  }

  static Instant httpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- DELETE

  void delete(S3Request r) {
    ObjectService.DeleteResult result =
        objects.delete(r.tenant(), r.bucket(), r.key(), r.param("versionId"));
    if (result.versionId() != null) {
      r.response().setHeader("x-amz-version-id", result.versionId());
    }
    if (result.deleteMarker()) {
      r.response().setHeader("x-amz-delete-marker", "true");
    }
    S3Responses.empty(r, 204);
  }

  void deleteObjects(S3Request r) throws IOException {
    buckets.require(r.tenant(), r.bucket());
    Xml.Node root = Xml.parse(r.body(), MAX_DELETE_BODY);
    if (!"Delete".equals(root.name())) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    List<Xml.Node> entries = root.all("Object");
    if (entries.isEmpty() || entries.size() > 1000) {
      throw new S3Exception(S3ErrorCode.MalformedXML, "A delete request names 1 to 1000 objects.");
    }
    boolean quiet = "true".equalsIgnoreCase(root.text("Quiet"));
    Xml.Writer doc = Xml.Writer.document("DeleteResult");
    for (Xml.Node entry : entries) {
      String key = entry.text("Key");
      String versionId = entry.text("VersionId");
      try {
        if (key == null || key.isEmpty()) {
          throw new S3Exception(S3ErrorCode.InvalidArgument, "An object key must not be empty.");
        }
        ObjectService.DeleteResult result = objects.delete(r.tenant(), r.bucket(), key, versionId);
        if (!quiet) {
          doc.start("Deleted").element("Key", key).element("VersionId", versionId);
          if (result.deleteMarker()) {
            doc.element("DeleteMarker", true);
            doc.element("DeleteMarkerVersionId", result.versionId());
          }
          doc.end();
        }
      } catch (S3Exception e) {
        doc.start("Error")
            .element("Key", key)
            .element("VersionId", versionId)
            .element("Code", e.code().name())
            .element("Message", e.getMessage())
            .end();
      }
    }
    S3Responses.xml(r, 200, doc);
  }

  // ---------------------------------------------------------------- COPY

  /** A parsed {@code x-amz-copy-source}: bucket, key and optional version. */
  record CopySource(String bucket, String key, String versionId) {

    static CopySource parse(String header) {
      String raw = header.trim();
      String versionId = null;
      int q = raw.indexOf('?');
      if (q >= 0) {
        String query = raw.substring(q + 1);
        raw = raw.substring(0, q);
        List<String> v = S3Request.parseQuery(query).get("versionId");
        versionId = v == null ? null : v.getFirst();
      }
      String path = S3Request.decode(raw, false);
      if (path.startsWith("/")) {
        path = path.substring(1);
      }
      int slash = path.indexOf('/');
      if (slash <= 0 || slash == path.length() - 1) {
        throw new S3Exception(
                S3ErrorCode.InvalidArgument,
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
            .detail("ArgumentName", "x-amz-copy-source")
            .detail("ArgumentValue", header);
      }
      return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId);
    }
  }

  void copy(S3Request r) throws IOException {
    ObjectService.checkKey(r.key());
    Bucket target = buckets.require(r.tenant(), r.bucket());
    CopySource source = CopySource.parse(r.header("x-amz-copy-source"));
    ObjectVersion src = objects.get(r.tenant(), source.bucket(), source.key(), source.versionId());
    checkCopySourceConditions(r, src);
    String metadataDirective = directive(r, "x-amz-metadata-directive");
    String taggingDirective = directive(r, "x-amz-tagging-directive");
    DataKeys.CustomerKey sourceKey =
        customerKey(r, "x-amz-copy-source-server-side-encryption-customer-");
    DataKeys.CustomerKey targetKey = customerKey(r, "x-amz-server-side-encryption-customer-");
    checkServerSideEncryption(r);
    boolean replace = "REPLACE".equals(metadataDirective);
    if (source.bucket().equals(target.name())
        && source.key().equals(r.key())
        && source.versionId() == null
        && !replace
        && r.header("x-amz-storage-class") == null
        && targetKey == null
        && sourceKey == null) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest,
          "This copy request is illegal because it is trying to copy an object to itself without"
              + " changing the object's metadata, storage class, website redirect location or"
              + " encryption attributes.");
    }
    WritePreconditions conditions = writeConditions(r);
    objects.checkWrite(target, r.key(), conditions);
    ObjectData.Opened opened = data.open(src, sourceKey);
    Copied copied = copyBytes(opened, 0, src.size(), r.tenant(), target, targetKey);
    Map<String, String> meta = replace ? userMetadata(r) : src.userMetadata();
    Map<String, String> headers = replace ? storedHeaders(r) : src.headers();
    String contentType = replace ? r.header("Content-Type") : src.contentType();
    Map<String, String> tags =
        "REPLACE".equals(taggingDirective)
            ? Tagging.fromHeader(r.header("x-amz-tagging"))
            : src.tags();
    ObjectVersion version =
        objects.commit(
            r.tenant(),
            target.name(),
            r.key(),
            new NewObject(
                copied.blob().size(),
                copied.etag(),
                contentType,
                headers,
                meta,
                tags,
                src.partCount() == null ? src.checksumAlgorithm() : null,
                src.partCount() == null ? src.checksumValue() : null,
                src.partCount() == null ? src.checksumType() : null,
                null,
                List.of(
                    new ObjectVersion.ObjectPart(
                        1, copied.blob().id(), 0, copied.blob().size(), copied.etag()))),
            conditions,
            List.of(copied.blob().id()),
            List.of());
    HttpServletResponse response = r.response();
    versionHeader(response, target, version.versionId());
    if (src.versionId() != null && !ObjectVersion.NULL_VERSION.equals(src.versionId())) {
      response.setHeader("x-amz-copy-source-version-id", src.versionId());
    }
    encryptionHeaders(response, targetKey);
    S3Responses.xml(
        r,
        200,
        Xml.Writer.document("CopyObjectResult")
            .element("LastModified", S3Responses.isoDate(version.lastModified()))
            .element("ETag", ETags.quoted(copied.etag())));
  }

  record Copied(Blob blob, String etag) {}

  /** Streams bytes of an opened object into a new blob, computing their MD5. */
  Copied copyBytes(
      ObjectData.Opened opened,
      long from,
      long length,
      String tenant,
      Bucket target,
      DataKeys.CustomerKey targetKey)
      throws IOException {
    PipedInputStream pipeIn = new PipedInputStream(1 << 20);
    PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream out = pipeOut) {
                opened.write(from, length, out);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            Executors.newVirtualThreadPerTaskExecutor());
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Blob blob;
    try (InputStream in = new DigestInputStream(pipeIn, md5)) {
      blob =
          writer.write(
              tenant,
              Redundancy.parse(target.redundancy()),
              target.proofPriority(),
              targetKey,
              in,
              length);
    } catch (IOException | RuntimeException e) {
      producer.cancel(true);
      rethrowProducerFailure(producer);
      throw e;
    }
    rethrowProducerFailure(producer);
    if (blob.size() != length) {
      throw new IllegalStateException("copied " + blob.size() + " of " + length + " bytes");
    }
    return new Copied(blob, HexFormat.of().formatHex(md5.digest()));
  }

  private static void rethrowProducerFailure(CompletableFuture<Void> producer) throws IOException {
    try {
      producer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.io.UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } catch (java.util.concurrent.CancellationException e) {
      // cancelled because the writer failed first; that failure is what the client sees
    }
  }

  private static String directive(S3Request r, String header) {
    String value = r.header(header);
    if (value == null) {
      return "COPY";
    }
    if (!value.equals("COPY") && !value.equals("REPLACE")) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, "Unknown " + header)
          .detail("ArgumentName", header)
          .detail("ArgumentValue", value);
    }
    return value;
  }

  static void checkCopySourceConditions(S3Request r, ObjectVersion src) {
    Instant modified = src.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String ifMatch = r.header("x-amz-copy-source-if-match");
    String ifNoneMatch = r.header("x-amz-copy-source-if-none-match");
    Instant unmodifiedSince = httpDate(r.header("x-amz-copy-source-if-unmodified-since"));
    Instant modifiedSince = httpDate(r.header("x-amz-copy-source-if-modified-since"));
    boolean ok = true;
    if (ifMatch != null) {
      ok = ETags.matches(ifMatch, src.etag());
    } else if (unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
      ok = false;
    }
    if (ifNoneMatch != null) {
      ok &= !ETags.matches(ifNoneMatch, src.etag());
    } else if (modifiedSince != null && !modified.isAfter(modifiedSince)) {
      ok = false;
    }
    if (!ok) {
      throw new S3Exception(S3ErrorCode.PreconditionFailed)
          .detail("Condition", "x-amz-copy-source-If-*");
    }
  }

  // ---------------------------------------------------------------- TAGGING

  void getTagging(S3Request r) throws IOException {
    ObjectVersion v = objects.get(r.tenant(), r.bucket(), r.key(), r.param("versionId"));
    Bucket bucket = buckets.require(r.tenant(), r.bucket());
    versionHeader(r.response(), bucket, v.versionId());
    S3Responses.xml(r, 200, Tagging.toXml(v.tags()));
  }

  void putTagging(S3Request r) throws IOException {
    Map<String, String> tags =
        Tagging.fromXml(Xml.parse(r.body(), 64 * 1024), Tagging.MAX_OBJECT_TAGS);
    objects.setTags(r.tenant(), r.bucket(), r.key(), r.param("versionId"), tags);
    S3Responses.empty(r, 200);
  }

  void deleteTagging(S3Request r) {
    objects.setTags(r.tenant(), r.bucket(), r.key(), r.param("versionId"), Map.of());
    S3Responses.empty(r, 204);
  }
}
