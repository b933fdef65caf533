package network.aioz.storage.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.data.Blob;
import network.aioz.storage.data.BlobWriter;
import network.aioz.storage.data.DataKeys;
import network.aioz.storage.object.ETags;
import network.aioz.storage.object.Listing;
import network.aioz.storage.object.MultipartService;
import network.aioz.storage.object.MultipartUpload;
import network.aioz.storage.object.ObjectService;
import network.aioz.storage.object.ObjectVersion;
import network.aioz.storage.object.UploadedPart;
import network.aioz.storage.s3.auth.ChecksumAlgorithm;
import network.aioz.storage.s3.auth.VerifiedBody;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Component;

/** Multipart upload operations on the wire. */
@Component
class MultipartOperations {

  static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

  /** Sorts after every key under a common prefix (U+10FFFF, the largest code point). */
  private static final String AFTER_ALL = "\uDBFF\uDFFF\uDBFF\uDFFF";

  private static final int MAX_COMPLETE_BODY = 4 * 1024 * 1024;

  private final BucketService buckets;
  private final ObjectService objects;
  private final MultipartService multipart;
  private final BlobWriter writer;
  private final ObjectOperations objectOps;
  private final ObjectData data;

  MultipartOperations(
      BucketService buckets,
      ObjectService objects,
      MultipartService multipart,
      BlobWriter writer,
      ObjectOperations objectOps,
      ObjectData data) {
    this.buckets = buckets;
    this.objects = objects;
    this.multipart = multipart;
    this.writer = writer;
    this.objectOps = objectOps;
    this.data = data;
  }

  void create(S3Request r) throws IOException {
    ObjectOperations.checkServerSideEncryption(r);
    DataKeys.CustomerKey ssec =
        ObjectOperations.customerKey(r, "x-amz-server-side-encryption-customer-");
    String checksum = r.header("x-amz-checksum-algorithm");
    if (checksum != null && ChecksumAlgorithm.fromName(checksum).isEmpty()) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest, "Checksum algorithm provided is unsupported.");
    }
    MultipartUpload upload =
        multipart.create(
            r.tenant(),
            r.bucket(),
            r.key(),
            r.header("Content-Type"),
            ObjectOperations.storedHeaders(r),
            ObjectOperations.userMetadata(r),
            Tagging.fromHeader(r.header("x-amz-tagging")),
            checksum,
            ssec == null ? null : ssec.md5());
    ObjectOperations.encryptionHeaders(r.response(), ssec);
    if (checksum != null) {
      r.response().setHeader("x-amz-checksum-algorithm", checksum);
    }
    S3Responses.xml(
        r,
        200,
        Xml.Writer.document("InitiateMultipartUploadResult")
            .element("Bucket", r.bucket())
            .element("Key", r.key())
            .element("UploadId", upload.uploadId()));
  }

  void uploadPart(S3Request r) throws IOException {
    int partNumber = ObjectOperations.parsePartNumber(required(r, "partNumber"));
    MultipartUpload upload =
        multipart.require(r.tenant(), r.bucket(), r.key(), required(r, "uploadId"));
    Bucket bucket = buckets.require(r.tenant(), r.bucket());
    DataKeys.CustomerKey ssec = partKey(r, upload, "x-amz-server-side-encryption-customer-");
    if (r.header("x-amz-copy-source") != null) {
      uploadPartCopy(r, upload, bucket, partNumber, ssec);
      return;
    }
    VerifiedBody body = r.body();
    Blob blob = ObjectOperations.store(writer, r, bucket, ssec, body, MAX_PART_SIZE);
    String etag = HexFormat.of().formatHex(body.md5());
    Map.Entry<ChecksumAlgorithm, String> checksum = ObjectOperations.firstChecksum(body);
    multipart.putPart(
        upload,
        partNumber,
        blob.id(),
        blob.size(),
        etag,
        checksum == null ? null : checksum.getKey().name() + ":" + checksum.getValue());
    r.response().setHeader("ETag", ETags.quoted(etag));
    if (checksum != null) {
      r.response().setHeader(checksum.getKey().headerName(), checksum.getValue());
    }
    ObjectOperations.encryptionHeaders(r.response(), ssec);
    S3Responses.empty(r, 200);
  }

  private static DataKeys.CustomerKey partKey(S3Request r, MultipartUpload upload, String prefix) {
    DataKeys.CustomerKey ssec = ObjectOperations.customerKey(r, prefix);
    String expected = upload.sseKeyMd5();
    String given = ssec == null ? null : ssec.md5();
    if (expected == null ? given != null : !expected.equals(given)) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest,
          "The SSE-C parameters of a part must be the ones the upload was created with.");
    }
    return ssec;
  }

  private void uploadPartCopy(
      S3Request r, MultipartUpload upload, Bucket bucket, int partNumber, DataKeys.CustomerKey ssec)
      throws IOException {
    ObjectOperations.CopySource source =
        ObjectOperations.CopySource.parse(r.header("x-amz-copy-source"));
    ObjectVersion src = objects.get(r.tenant(), source.bucket(), source.key(), source.versionId());
    ObjectOperations.checkCopySourceConditions(r, src);
    DataKeys.CustomerKey sourceKey =
        ObjectOperations.customerKey(r, "x-amz-copy-source-server-side-encryption-customer-");
    long from = 0;
    long length = src.size();
    String range = r.header("x-amz-copy-source-range");
    if (range != null) {
      long[] parsed = copyRange(range, src.size());
      from = parsed[0];
      length = parsed[1] - parsed[0] + 1;
    }
    if (length > MAX_PART_SIZE) {
      throw new S3Exception(S3ErrorCode.EntityTooLarge);
    }
    ObjectOperations.Copied copied =
        objectOps.copyBytes(data.open(src, sourceKey), from, length, r.tenant(), bucket, ssec);
    UploadedPart part =
        multipart.putPart(upload, partNumber, copied.blob().id(), length, copied.etag(), null);
    if (src.versionId() != null && !ObjectVersion.NULL_VERSION.equals(src.versionId())) {
      r.response().setHeader("x-amz-copy-source-version-id", src.versionId());
    }
    S3Responses.xml(
        r,
        200,
        Xml.Writer.document("CopyPartResult")
            .element("LastModified", S3Responses.isoDate(part.uploaded()))
            .element("ETag", ETags.quoted(copied.etag())));
  }

  /** {@code bytes=first-last}, both required, within the source. */
  static long[] copyRange(String header, long size) {
    String h = header.trim();
    try {
      if (h.startsWith("bytes=")) {
        String[] ends = h.substring(6).split("-", -1);
        if (ends.length == 2) {
          long first = Long.parseLong(ends[0].trim());
          long last = Long.parseLong(ends[1].trim());
          if (first <= last && last < size) {
            return new long[] {first, last};
          }
          throw new S3Exception(
                  S3ErrorCode.InvalidRange,
                  "The x-amz-copy-source-range value must be within the source object.")
              .detail("RangeRequested", header)
              .detail("ActualObjectSize", String.valueOf(size));
        }
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new S3Exception(
            S3ErrorCode.InvalidArgument,
            "The x-amz-copy-source-range value must be of the form bytes=first-last where first and"
                + " last are the zero-based offsets of the first and last bytes to copy")
        .detail("ArgumentName", "x-amz-copy-source-range")
        .detail("ArgumentValue", header);
  }

  void complete(S3Request r) throws IOException {
    String uploadId = required(r, "uploadId");
    Xml.Node root = Xml.parse(r.body(), MAX_COMPLETE_BODY);
    if (!"CompleteMultipartUpload".equals(root.name())) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    List<MultipartService.CompletedPart> parts = new ArrayList<>();
    for (Xml.Node p : root.all("Part")) {
      String number = p.text("PartNumber");
      int n;
      try {
        n = Integer.parseInt(number == null ? "" : number.trim());
      } catch (NumberFormatException e) {
        throw new S3Exception(S3ErrorCode.MalformedXML);
      }
      parts.add(new MultipartService.CompletedPart(n, p.text("ETag")));
    }
    if (parts.size() > MultipartService.MAX_PARTS) {
      throw new S3Exception(
          S3ErrorCode.MalformedXML, "A multipart upload has at most 10000 parts.");
    }
    ObjectVersion v =
        multipart.complete(
            r.tenant(), r.bucket(), r.key(), uploadId, parts, ObjectOperations.writeConditions(r));
    Bucket bucket = buckets.require(r.tenant(), r.bucket());
    ObjectOperations.versionHeader(r.response(), bucket, v.versionId());
    S3Responses.xml(
        r,
        200,
        Xml.Writer.document("CompleteMultipartUploadResult")
            .element("Location", "/" + r.bucket() + "/" + r.key())
            .element("Bucket", r.bucket())
            .element("Key", r.key())
            .element("ETag", ETags.quoted(v.etag())));
  }

  void abort(S3Request r) {
    multipart.abort(r.tenant(), r.bucket(), r.key(), required(r, "uploadId"));
    S3Responses.empty(r, 204);
  }

  void listParts(S3Request r) throws IOException {
    MultipartUpload upload =
        multipart.require(r.tenant(), r.bucket(), r.key(), required(r, "uploadId"));
    int max = intParam(r, "max-parts", 1000, 1000);
    int marker = intParam(r, "part-number-marker", 0, Integer.MAX_VALUE);
    List<UploadedPart> page = multipart.parts(upload, marker, max + 1);
    boolean truncated = page.size() > max;
    if (truncated) {
      page = page.subList(0, max);
    }
    Xml.Writer doc =
        Xml.Writer.document("ListPartsResult")
            .element("Bucket", r.bucket())
            .element("Key", r.key())
            .element("UploadId", upload.uploadId())
            .element("PartNumberMarker", marker)
            .element("NextPartNumberMarker", page.isEmpty() ? marker : page.getLast().partNumber())
            .element("MaxParts", max)
            .element("IsTruncated", truncated)
            .element("StorageClass", "STANDARD")
            .element("ChecksumAlgorithm", upload.checksumAlgorithm());
    doc.start("Initiator")
        .element("ID", upload.tenantId())
        .element("DisplayName", upload.tenantId())
        .end();
    doc.start("Owner")
        .element("ID", upload.tenantId())
        .element("DisplayName", upload.tenantId())
        .end();
    for (UploadedPart p : page) {
      doc.start("Part")
          .element("PartNumber", p.partNumber())
          .element("LastModified", S3Responses.isoDate(p.uploaded()))
          .element("ETag", ETags.quoted(p.etag()))
          .element("Size", p.size());
      if (p.checksum() != null) {
        int colon = p.checksum().indexOf(':');
        ChecksumAlgorithm.fromName(p.checksum().substring(0, colon))
            .ifPresent(a -> doc.element("Checksum" + a.name(), p.checksum().substring(colon + 1)));
      }
      doc.end();
    }
    S3Responses.xml(r, 200, doc);
  }

  /**
   * ListMultipartUploads. Uploads under one common prefix count once towards max-uploads however
   * many there are, so the page is filled by fetching past each rolled-up prefix, not by one fetch
   * of max-uploads rows (which would end the listing early).
   */
  void listUploads(S3Request r) throws IOException {
    int max = intParam(r, "max-uploads", 1000, 1000);
    String prefix = r.param("prefix") == null ? "" : r.param("prefix");
    String delimiter = r.param("delimiter");
    String keyMarker = r.param("key-marker");
    String uploadIdMarker = r.param("upload-id-marker");
    boolean url = BucketOperations.encoding(r);
    buckets.require(r.tenant(), r.bucket());
    String cursorKey = keyMarker == null ? "" : keyMarker;
    String cursorUpload = keyMarker == null || keyMarker.isEmpty() ? null : uploadIdMarker;
    if (!cursorKey.isEmpty()
        && cursorKey.equals(Listing.commonPrefixOf(cursorKey, prefix, delimiter))) {
      // the previous page ended on a common prefix: resume after everything under it
      cursorKey = cursorKey + AFTER_ALL;
      cursorUpload = null;
    }
    List<MultipartUpload> uploads = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String nextKey = null;
    String nextUpload = null;
    fill:
    while (max > 0) {
      int limit = max - uploads.size() - prefixes.size() + 1;
      List<MultipartUpload> batch =
          multipart.list(r.tenant(), r.bucket(), prefix, cursorKey, cursorUpload, limit);
      boolean skipped = false;
      for (MultipartUpload u : batch) {
        if (uploads.size() + prefixes.size() == max) {
          truncated = true;
          break fill;
        }
        String common = Listing.commonPrefixOf(u.key(), prefix, delimiter);
        if (common != null) {
          prefixes.add(common);
          nextKey = common;
          nextUpload = null;
          cursorKey = common + AFTER_ALL;
          cursorUpload = null;
          skipped = true;
          break;
        }
        uploads.add(u);
        nextKey = u.key();
        nextUpload = u.uploadId();
        cursorKey = u.key();
        cursorUpload = u.uploadId();
      }
      if (!skipped && batch.size() < limit) {
        break;
      }
    }
    Xml.Writer doc =
        Xml.Writer.document("ListMultipartUploadsResult")
            .element("Bucket", r.bucket())
            .element("KeyMarker", BucketOperations.enc(keyMarker == null ? "" : keyMarker, url))
            .element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
            .element("NextKeyMarker", truncated ? BucketOperations.enc(nextKey, url) : null)
            .element("NextUploadIdMarker", truncated ? nextUpload : null)
            .element("Prefix", BucketOperations.enc(prefix, url))
            .element("Delimiter", BucketOperations.enc(delimiter, url))
            .element("MaxUploads", max)
            .element("EncodingType", url ? "url" : null)
            .element("IsTruncated", truncated);
    for (MultipartUpload u : uploads) {
      doc.start("Upload")
          .element("Key", BucketOperations.enc(u.key(), url))
          .element("UploadId", u.uploadId())
          .start("Initiator")
          .element("ID", u.tenantId())
          .element("DisplayName", u.tenantId())
          .end()
          .start("Owner")
          .element("ID", u.tenantId())
          .element("DisplayName", u.tenantId())
          .end()
          .element("StorageClass", "STANDARD")
          .element("Initiated", S3Responses.isoDate(u.initiated()))
          .end();
    }
    for (String p : prefixes) {
      doc.start("CommonPrefixes").element("Prefix", BucketOperations.enc(p, url)).end();
    }
    S3Responses.xml(r, 200, doc);
  }

  private static String required(S3Request r, String name) {
    String v = r.param(name);
    if (v == null || v.isEmpty()) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, "The request is missing " + name + ".")
          .detail("ArgumentName", name);
    }
    return v;
  }

  private static int intParam(S3Request r, String name, int defaultValue, int cap) {
    String raw = r.param(name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, cap);
    } catch (NumberFormatException e) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument, "Argument " + name + " must be an integer.")
          .detail("ArgumentName", name)
          .detail("ArgumentValue", raw);
    }
  }
}
