package network.aioz.storage.object;

import java.time.Instant;
import java.util.Map;

/** A multipart upload in progress, with the metadata the object will get. */
public record MultipartUpload(
    String uploadId,
    String bucket,
    String key,
    String tenantId,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Map<String, String> tags,
    String checksumAlgorithm,
    String sseKeyMd5,
    Instant initiated) {}
