package network.aioz.storage.object;

import java.time.Instant;
import java.util.UUID;

/** One uploaded part of a multipart upload. */
public record UploadedPart(
    int partNumber, UUID blobId, long size, String etag, String checksum, Instant uploaded) {}
