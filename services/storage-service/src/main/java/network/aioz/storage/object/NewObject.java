package network.aioz.storage.object;

import java.util.List;
import java.util.Map;

/** What a write commits as the new version of a key: metadata plus the blobs with its bytes. */
public record NewObject(
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
    List<ObjectVersion.ObjectPart> parts) {}
