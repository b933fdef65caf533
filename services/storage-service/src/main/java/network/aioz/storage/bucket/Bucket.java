package network.aioz.storage.bucket;

import java.time.Instant;
import java.util.Map;

/**
 * A bucket, owned by one tenant.
 *
 * @param proofPriority {@code standard} or {@code high}: how often Proof of Storage challenges the
 *     bucket's pieces (high for valuable data)
 * @param versioning {@code Unversioned}, {@code Enabled} or {@code Suspended}
 * @param corsXml the CORS configuration as the client sent it (validated), or null
 */
public record Bucket(
    String name,
    String tenantId,
    String region,
    String redundancy,
    String proofPriority,
    String versioning,
    String corsXml,
    Map<String, String> tags,
    Instant createdAt) {

  public boolean versioningEnabled() {
    return "Enabled".equals(versioning);
  }
}
