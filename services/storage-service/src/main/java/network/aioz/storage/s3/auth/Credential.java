package network.aioz.storage.s3.auth;

import java.util.Objects;

/** An S3 access key: its id, its secret and the tenant it belongs to. */
public record Credential(String accessKeyId, String secretKey, String tenantId) {

  public Credential {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(tenantId, "tenantId");
  }

  /** Never prints the secret: credentials end up in logs through exceptions and debuggers. */
  @Override
  public String toString() {
    return "Credential[accessKeyId=" + accessKeyId + ", tenantId=" + tenantId + "]";
  }
}
