package network.aioz.storage.object;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One version of an object, or a delete marker.
 *
 * @param versionId {@code "null"} for versions written while versioning was off or suspended
 * @param headers standard headers stored with the object (Cache-Control, Content-Disposition, ...)
 * @param parts the blobs holding its bytes in order (empty for delete markers)
 */
public record ObjectVersion(
    UUID id,
    String bucket,
    String key,
    String versionId,
    boolean latest,
    boolean deleteMarker,
    long size,
    String etag,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Map<String, String> tags,
    String checksumAlgorithm,
    String checksumValue,
    String checksumType,
    Integer partCount,
    String ownerTenant,
    Instant lastModified,
    List<ObjectPart> parts) {

  /** This version with its parts, as read from their own table. */
  ObjectVersion withParts(List<ObjectPart> newParts) {
    return new ObjectVersion(
        id,
        bucket,
        key,
        versionId,
        latest,
        deleteMarker,
        size,
        etag,
        contentType,
        headers,
        userMetadata,
        tags,
        checksumAlgorithm,
        checksumValue,
        checksumType,
        partCount,
        ownerTenant,
        lastModified,
        List.copyOf(newParts));
  }

  public static final String NULL_VERSION = "null";

  /** One blob of an object: the bytes {@code [offset, offset + size)}. */
  public record ObjectPart(int partNumber, UUID blobId, long offset, long size, String etag) {}
}
