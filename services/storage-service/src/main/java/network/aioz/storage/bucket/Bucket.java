package network.aioz.storage.bucket;

import java.time.Instant;
import java.util.Map;

/**
 * A bucket, owned by one tenant.
 *
 * @param versioning {@code Unversioned}, {@code Enabled} or {@code Suspended}
 * @param corsXml the CORS configuration as the client sent it (validated), or null
 */
public record Bucket(
    String name,
    String tenantId,
    String region,
    String redundancy,
    String versioning,
    String corsXml,
    Map<String, String> tags,
    Instant createdAt) {

  public boolean versioningEnabled() {
    return "Enabled".equals(versioning);
  }
}
