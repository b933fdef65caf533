package network.aioz.storage.object;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.outbox.Outbox;
import network.aioz.storage.bucket.Bucket;
import network.aioz.storage.bucket.BucketService;
import network.aioz.storage.data.BlobRepository;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Object versions of a tenant's buckets: commits written blobs as new versions (atomically, with
 * conditional writes and S3's versioning rules), deletes versions and places delete markers, and
 * releases the blobs nothing refers to any more, in the same transaction.
 */
@Service
public class ObjectService {

  static final int MAX_KEY_BYTES = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectRepository objects;
  private final MultipartRepository uploads;
  private final BucketService buckets;
  private final BlobRepository blobs;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;

  ObjectService(
      ObjectRepository objects,
      MultipartRepository uploads,
      BucketService buckets,
      BlobRepository blobs,
      Outbox outbox,
      TransactionTemplate tx,
      Clock clock) {
    this.objects = objects;
    this.uploads = uploads;
    this.buckets = buckets;
    this.blobs = blobs;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  public static void checkKey(String key) {
    if (key.isEmpty()) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, "An object key must not be empty.");
    }
    if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new S3Exception(S3ErrorCode.KeyTooLongError)
          .detail("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES));
    }
  }

  /** Fails early, before any byte is uploaded, when a conditional write cannot succeed. */
  public void checkWrite(Bucket bucket, String key, WritePreconditions conditions) {
    if (conditions.ifMatch() == null && !conditions.mustNotExist()) {
      return;
    }
    check(objects.latest(bucket.name(), key, false).orElse(null), key, conditions);
  }

  private static void check(ObjectVersion current, String key, WritePreconditions conditions) {
    boolean exists = current != null && !current.deleteMarker();
    if (conditions.mustNotExist() && exists) {
      throw new S3Exception(S3ErrorCode.PreconditionFailed).detail("Condition", "If-None-Match");
    }
    if (conditions.ifMatch() != null) {
      if (!exists) {
        throw new S3Exception(S3ErrorCode.NoSuchKey).detail("Key", key);
      }
      if (!ETags.matches(conditions.ifMatch(), current.etag())) {
        throw new S3Exception(S3ErrorCode.PreconditionFailed).detail("Condition", "If-Match");
      }
    }
  }

  /**
   * Commits blobs as the new current version of a key. On any failure the blobs are released, so a
   * failed write leaves nothing visible and nothing stored.
   */
  public ObjectVersion commit(
      String tenantId,
      String bucketName,
      String key,
      NewObject object,
      WritePreconditions conditions,
      List<UUID> blobIds,
      List<UUID> alsoRelease) {
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          return tx.execute(
              status ->
                  commitOnce(tenantId, bucketName, key, object, conditions, blobIds, alsoRelease));
        } catch (DuplicateKeyException e) {
          // a concurrent writer made its version the latest first: look again
          if (attempt >= 8) {
            throw new S3Exception(S3ErrorCode.ConditionalRequestConflict);
          }
        }
      }
    } catch (RuntimeException e) {
      tx.executeWithoutResult(status -> blobs.release(blobIds, "write not committed"));
      throw e;
    }
  }

  /**
   * Commits a completed multipart upload: the object version, the end of the upload and the release
   * of parts not used, in one transaction. On failure the upload stays as it was.
   */
  ObjectVersion commitUpload(
      String tenantId,
      String bucketName,
      String key,
      NewObject object,
      WritePreconditions conditions,
      List<UUID> used,
      List<UUID> unused,
      String uploadId) {
    for (int attempt = 0; ; attempt++) {
      try {
        return tx.execute(
            status -> {
              if (uploads.find(uploadId, true).isEmpty()) {
                throw new S3Exception(S3ErrorCode.NoSuchUpload).detail("UploadId", uploadId);
              }
              ObjectVersion v =
                  commitOnce(tenantId, bucketName, key, object, conditions, used, unused);
              uploads.delete(uploadId);
              return v;
            });
      } catch (DuplicateKeyException e) {
        if (attempt >= 8) {
          throw new S3Exception(S3ErrorCode.ConditionalRequestConflict);
        }
      }
    }
  }

  private ObjectVersion commitOnce(
      String tenantId,
      String bucketName,
      String key,
      NewObject object,
      WritePreconditions conditions,
      List<UUID> blobIds,
      List<UUID> alsoRelease) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    objects.lockKey(bucket.name(), key);
    ObjectVersion current = objects.latest(bucket.name(), key, true).orElse(null);
    check(current, key, conditions);
    List<UUID> released = new ArrayList<>(alsoRelease);
    String versionId = bucket.versioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    if (current != null) {
      objects.setLatest(current.id(), false);
    }
    if (!bucket.versioningEnabled()) {
      released.addAll(dropNullVersion(bucket, key));
    }
    ObjectVersion version =
        new ObjectVersion(
            UUID.randomUUID(),
            bucket.name(),
            key,
            versionId,
            true,
            false,
            object.size(),
            object.etag(),
            object.contentType(),
            object.headers(),
            object.userMetadata(),
            object.tags(),
            object.checksumAlgorithm(),
            object.checksumValue(),
            object.checksumType(),
            object.partCount(),
            tenantId,
            clock.instant(),
            object.parts());
    blobs.markCommitted(blobIds);
    objects.insert(version);
    objects.addUsage(bucket.tenantId(), bucket.name(), object.size(), 1);
    if (!released.isEmpty()) {
      blobs.release(released, "object overwritten");
    }
    outbox.append(
        ObjectEvents.TOPIC,
        bucket.name() + "/" + key,
        ObjectEvents.CREATED,
        new ObjectEvents.ObjectFact(
            tenantId, bucket.name(), key, versionId, object.size(), object.etag()));
    return version;
  }

  /** Deletes the {@code null} version of a key if there is one; returns its blobs. */
  private List<UUID> dropNullVersion(Bucket bucket, String key) {
    Optional<ObjectVersion> existing =
        objects.version(bucket.name(), key, ObjectVersion.NULL_VERSION, true);
    if (existing.isEmpty()) {
      return List.of();
    }
    ObjectVersion gone = existing.get();
    objects.addUsage(bucket.tenantId(), bucket.name(), -gone.size(), -1);
    return objects.delete(gone.id());
  }

  /** The current version; NoSuchKey when there is none or it is a delete marker. */
  public ObjectVersion get(String tenantId, String bucketName, String key, String versionId) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    if (versionId == null) {
      ObjectVersion v = objects.latest(bucket.name(), key, false).orElse(null);
      if (v == null) {
        throw new S3Exception(S3ErrorCode.NoSuchKey).detail("Key", key);
      }
      if (v.deleteMarker()) {
        throw new DeleteMarkerException(v, false);
      }
      return v;
    }
    ObjectVersion v =
        objects
            .version(bucket.name(), key, versionId, false)
            .orElseThrow(
                () ->
                    new S3Exception(
                            ObjectVersion.NULL_VERSION.equals(versionId)
                                    || looksLikeVersion(versionId)
                                ? S3ErrorCode.NoSuchVersion
                                : S3ErrorCode.InvalidArgument,
                            ObjectVersion.NULL_VERSION.equals(versionId)
                                    || looksLikeVersion(versionId)
                                ? null
                                : "Invalid version id specified")
                        .detail("Key", key)
                        .detail("VersionId", versionId));
    if (v.deleteMarker()) {
      throw new DeleteMarkerException(v, true);
    }
    return v;
  }

  private static boolean looksLikeVersion(String versionId) {
    return versionId.matches("[0-9a-zA-Z._-]{1,64}");
  }

  /**
   * Deletes a key (a delete marker when versioning is on) or one version of it.
   *
   * @return what was deleted or created: the version id and whether it is a delete marker
   */
  public DeleteResult delete(String tenantId, String bucketName, String key, String versionId) {
    return tx.execute(status -> deleteInTx(tenantId, bucketName, key, versionId));
  }

  private DeleteResult deleteInTx(
      String tenantId, String bucketName, String key, String versionId) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    if (versionId != null) {
      ObjectVersion v = objects.version(bucket.name(), key, versionId, true).orElse(null);
      if (v == null) {
        if (!ObjectVersion.NULL_VERSION.equals(versionId) && !looksLikeVersion(versionId)) {
          throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid version id specified")
              .detail("ArgumentName", "versionId")
              .detail("ArgumentValue", versionId);
        }
        return new DeleteResult(versionId, false);
      }
      List<UUID> released = objects.delete(v.id());
      if (!v.deleteMarker()) {
        objects.addUsage(bucket.tenantId(), bucket.name(), -v.size(), -1);
      }
      if (v.latest()) {
        objects
            .newestOther(bucket.name(), key, v.id())
            .ifPresent(id -> objects.setLatest(id, true));
      }
      blobs.release(released, "version deleted");
      outbox.append(
          ObjectEvents.TOPIC,
          bucket.name() + "/" + key,
          ObjectEvents.DELETED,
          new ObjectEvents.ObjectFact(tenantId, bucket.name(), key, versionId, v.size(), v.etag()));
      return new DeleteResult(versionId, v.deleteMarker());
    }
    ObjectVersion current = objects.latest(bucket.name(), key, true).orElse(null);
    if ("Unversioned".equals(bucket.versioning())) {
      if (current != null) {
        List<UUID> released = objects.delete(current.id());
        objects.addUsage(bucket.tenantId(), bucket.name(), -current.size(), -1);
        blobs.release(released, "object deleted");
        outbox.append(
            ObjectEvents.TOPIC,
            bucket.name() + "/" + key,
            ObjectEvents.DELETED,
            new ObjectEvents.ObjectFact(
                tenantId, bucket.name(), key, current.versionId(), current.size(), current.etag()));
      }
      return new DeleteResult(null, false);
    }
    // versioning enabled or suspended: a delete marker becomes the current version
    if (current != null) {
      objects.setLatest(current.id(), false);
    }
    String markerId = bucket.versioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    if (!bucket.versioningEnabled()) {
      List<UUID> released = dropNullVersion(bucket, key);
      blobs.release(released, "object deleted");
    }
    ObjectVersion marker =
        new ObjectVersion(
            UUID.randomUUID(),
            bucket.name(),
            key,
            markerId,
            true,
            true,
            0,
            null,
            null,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            null,
            null,
            tenantId,
            clock.instant(),
            List.of());
    objects.insert(marker);
    outbox.append(
        ObjectEvents.TOPIC,
        bucket.name() + "/" + key,
        ObjectEvents.DELETE_MARKER_CREATED,
        new ObjectEvents.ObjectFact(tenantId, bucket.name(), key, markerId, 0, null));
    return new DeleteResult(markerId, true);
  }

  public void setTags(
      String tenantId, String bucketName, String key, String versionId, Map<String, String> tags) {
    ObjectVersion v = get(tenantId, bucketName, key, versionId);
    objects.setTags(v.id(), tags);
  }

  /** Lists the latest live objects; see {@link Listing}. */
  public Listing.Page list(
      String tenantId,
      String bucketName,
      String prefix,
      String delimiter,
      String after,
      int maxKeys) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    return Listing.objects(
        (from, limit) -> objects.listLatest(bucket.name(), prefix, from, limit),
        prefix,
        delimiter,
        after,
        maxKeys);
  }

  /** Lists versions and delete markers; see {@link Listing}. */
  public Listing.VersionPage listVersions(
      String tenantId,
      String bucketName,
      String prefix,
      String delimiter,
      String keyMarker,
      String versionIdMarker,
      int maxKeys) {
    Bucket bucket = buckets.require(tenantId, bucketName);
    Long afterSeq = null;
    if (keyMarker != null && versionIdMarker != null && !versionIdMarker.isEmpty()) {
      afterSeq =
          objects
              .seqOf(bucket.name(), keyMarker, versionIdMarker)
              .orElseThrow(
                  () ->
                      new S3Exception(
                          S3ErrorCode.InvalidArgument,
                          "Invalid version id specified: " + versionIdMarker));
    }
    return Listing.versions(
        (key, seq, limit) -> objects.listVersions(bucket.name(), prefix, key, seq, limit),
        prefix,
        delimiter,
        keyMarker == null ? "" : keyMarker,
        afterSeq,
        maxKeys);
  }

  static String newVersionId() {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    // time first, so ids of one key sort roughly by age when people eyeball them
    return Long.toString(System.currentTimeMillis(), 36) + "." + HexFormat.of().formatHex(random);
  }

  /** The outcome of a delete. */
  public record DeleteResult(String versionId, boolean deleteMarker) {}

  /** The version asked for is a delete marker: 404 (current) or 405 (by version id). */
  public static final class DeleteMarkerException extends RuntimeException {
    private final ObjectVersion marker;
    private final boolean byVersionId;

    DeleteMarkerException(ObjectVersion marker, boolean byVersionId) {
      super("delete marker", null, false, false);
      this.marker = marker;
      this.byVersionId = byVersionId;
    }

    public ObjectVersion marker() {
      return marker;
    }

    public boolean byVersionId() {
      return byVersionId;
    }
  }
}
