package network.aioz.storage.object;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.data.BlobRepository;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Multipart uploads: parts are blobs written independently (re-uploading a part replaces and
 * releases the earlier one); completing checks the part list as S3 does and commits the chosen
 * parts as one object whose ETag is the MD5 of the parts' MD5s with the part count.
 */
@Service
public class MultipartService {

  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  public static final int MAX_PARTS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MultipartRepository uploads;
  private final BucketService buckets;
  private final ObjectService objects;
  private final BlobRepository blobs;
  private final TransactionTemplate tx;
  private final Clock clock;

  MultipartService(
      MultipartRepository uploads,
      BucketService buckets,
      ObjectService objects,
      BlobRepository blobs,
      TransactionTemplate tx,
      Clock clock) {
    this.uploads = uploads;
    this.buckets = buckets;
    this.objects = objects;
    this.blobs = blobs;
    this.tx = tx;
    this.clock = clock;
  }

  public MultipartUpload create(
      String tenantId,
      String bucketName,
      String key,
      String contentType,
      Map<String, String> headers,
      Map<String, String> userMetadata,
      Map<String, String> tags,
      String checksumAlgorithm,
      String sseKeyMd5) {
    ObjectService.checkKey(key);
    Bucket bucket = buckets.require(tenantId, bucketName);
    byte[] id = new byte[24];
    RANDOM.nextBytes(id);
    MultipartUpload upload =
        new MultipartUpload(
            Base64.getUrlEncoder().withoutPadding().encodeToString(id),
            bucket.name(),
            key,
            tenantId,
            contentType,
            headers,
            userMetadata,
            tags,
            checksumAlgorithm,
            sseKeyMd5,
            clock.instant());
    uploads.insert(upload);
    return upload;
  }

  /** The upload, checked to belong to this tenant, bucket and key. */
  public MultipartUpload require(String tenantId, String bucketName, String key, String uploadId) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    return uploads
        .find(uploadId, false)
        .filter(u -> u.bucket().equals(bucket.name()) && u.key().equals(key))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchUpload).detail("UploadId", uploadId));
  }

  public static void checkPartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument,
              "Part number must be an integer between 1 and 10000, inclusive")
          .detail("ArgumentName", "partNumber")
          .detail("ArgumentValue", String.valueOf(partNumber));
    }
  }

  /** Records a written part (its blob); the part it replaces is released. */
  public UploadedPart putPart(
      MultipartUpload upload,
      int partNumber,
      UUID blobId,
      long size,
      String etag,
      String checksum) {
    UploadedPart part = new UploadedPart(partNumber, blobId, size, etag, checksum, clock.instant());
    try {
      tx.executeWithoutResult(
          status -> {
            if (uploads.find(upload.uploadId(), true).isEmpty()) {
              throw new S3Exception(S3ErrorCode.NoSuchUpload).detail("UploadId", upload.uploadId());
            }
            blobs.persistHeld(List.of(blobId));
            Optional<UUID> replaced = uploads.putPart(upload.uploadId(), part);
            replaced.ifPresent(old -> blobs.release(List.of(old), "part replaced"));
          });
    } catch (RuntimeException e) {
      tx.executeWithoutResult(status -> blobs.release(List.of(blobId), "part not recorded"));
      throw e;
    }
    return part;
  }

  /** A part the client names in CompleteMultipartUpload. */
  public record CompletedPart(int partNumber, String etag) {}

  /** Completes an upload into an object version. */
  public ObjectVersion complete(
      String tenantId,
      String bucketName,
      String key,
      String uploadId,
      List<CompletedPart> requested,
      WritePreconditions conditions) {
    MultipartUpload upload = require(tenantId, bucketName, key, uploadId);
    if (requested.isEmpty()) {
      throw new S3Exception(S3ErrorCode.MalformedXML, "You must specify at least one part.");
    }
    Map<Integer, UploadedPart> uploaded = new HashMap<>();
    for (UploadedPart p : uploads.allParts(uploadId)) {
      uploaded.put(p.partNumber(), p);
    }
    List<ObjectVersion.ObjectPart> parts = new ArrayList<>();
    List<String> etags = new ArrayList<>();
    List<UUID> used = new ArrayList<>();
    int previous = 0;
    long offset = 0;
    for (int i = 0; i < requested.size(); i++) {
      CompletedPart c = requested.get(i);
      if (c.partNumber() <= previous) {
        throw new S3Exception(S3ErrorCode.InvalidPartOrder).detail("UploadId", uploadId);
      }
      previous = c.partNumber();
      UploadedPart p = uploaded.get(c.partNumber());
      String etag = c.etag() == null ? null : c.etag().replace("\"", "").trim();
      if (p == null || etag == null || !etag.equals(p.etag())) {
        throw new S3Exception(S3ErrorCode.InvalidPart)
            .detail("UploadId", uploadId)
            .detail("PartNumber", String.valueOf(c.partNumber()))
            .detail("ETag", String.valueOf(c.etag()));
      }
      if (i < requested.size() - 1 && p.size() < MIN_PART_SIZE) {
        throw new S3Exception(S3ErrorCode.EntityTooSmall)
            .detail("ProposedSize", String.valueOf(p.size()))
            .detail("MinSizeAllowed", String.valueOf(MIN_PART_SIZE))
            .detail("PartNumber", String.valueOf(p.partNumber()))
            .detail("ETag", p.etag());
      }
      parts.add(
          new ObjectVersion.ObjectPart(p.partNumber(), p.blobId(), offset, p.size(), p.etag()));
      offset += p.size();
      etags.add(p.etag());
      used.add(p.blobId());
    }
    List<UUID> unused =
        uploaded.values().stream()
            .map(UploadedPart::blobId)
            .filter(b -> !used.contains(b))
            .toList();
    NewObject object =
        new NewObject(
            offset,
            ETags.multipart(etags),
            upload.contentType(),
            upload.headers(),
            upload.userMetadata(),
            upload.tags(),
            null,
            null,
            null,
            parts.size(),
            parts);
    return objects.commitUpload(
        tenantId, bucketName, key, object, conditions, used, unused, uploadId);
  }

  public void abort(String tenantId, String bucketName, String key, String uploadId) {
    MultipartUpload upload = require(tenantId, bucketName, key, uploadId);
    tx.executeWithoutResult(
        status -> {
          if (uploads.find(upload.uploadId(), true).isEmpty()) {
            throw new S3Exception(S3ErrorCode.NoSuchUpload).detail("UploadId", uploadId);
          }
          List<UUID> parts = uploads.allParts(uploadId).stream().map(UploadedPart::blobId).toList();
          uploads.delete(uploadId);
          blobs.release(parts, "upload aborted");
        });
  }

  public List<UploadedPart> parts(MultipartUpload upload, int afterPart, int limit) {
    return uploads.parts(upload.uploadId(), afterPart, limit);
  }

  public List<MultipartUpload> list(
      String tenantId,
      String bucketName,
      String prefix,
      String keyMarker,
      String uploadIdMarker,
      int limit) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    Instant after = Instant.EPOCH.minusSeconds(1);
    String afterId = "";
    String marker = keyMarker == null ? "" : keyMarker;
    if (uploadIdMarker != null && !uploadIdMarker.isEmpty() && keyMarker != null) {
      Optional<MultipartUpload> at = uploads.find(uploadIdMarker, false);
      if (at.isPresent()) {
        after = at.get().initiated();
        afterId = at.get().uploadId();
      }
    } else if (keyMarker != null && !keyMarker.isEmpty()) {
      after = Instant.parse("9999-12-31T23:59:59Z");
      afterId = "\uffff";
    }
    return uploads.list(bucket.name(), prefix == null ? "" : prefix, marker, after, afterId, limit);
  }
}
