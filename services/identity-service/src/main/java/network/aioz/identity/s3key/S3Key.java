package network.aioz.identity.s3key;

import java.time.Instant;
import java.util.UUID;

/** An S3 access key as stored, its secret sealed. */
record S3Key(
    String accessKeyId,
    UUID tenantId,
    String name,
    SecretCipher.Sealed secret,
    Instant createdAt,
    Instant revokedAt) {}
