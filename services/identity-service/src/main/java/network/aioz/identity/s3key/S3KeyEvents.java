package network.aioz.identity.s3key;

/** Facts about S3 access keys, published on {@value #TOPIC} (key = tenant id); never the secret. */
final class S3KeyEvents {

  static final String TOPIC = "identity.credential";
  static final String CREATED = "network.aioz.identity.S3KeyCreated";
  static final String REVOKED = "network.aioz.identity.S3KeyRevoked";

  private S3KeyEvents() {}

  record S3KeyCreated(String tenantId, String accessKeyId, String name, String createdBy) {}

  record S3KeyRevoked(String tenantId, String accessKeyId, String revokedBy) {}
}
