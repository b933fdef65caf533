package network.aioz.storage.usage;

/**
 * Usage facts on topic {@value #TOPIC} (key = tenant id). Each carries a {@code usageId} that is
 * the same however often the fact is delivered, so billing can deduplicate on it.
 */
public final class UsageEvents {

  public static final String TOPIC = "storage.usage";
  public static final String STORAGE_MEASURED = "network.aioz.storage.StorageMeasured";
  public static final String TRAFFIC_RECORDED = "network.aioz.storage.TrafficRecorded";

  private UsageEvents() {}

  /**
   * Bytes stored by a tenant in a bucket over a window, sampled at its end: {@code byteSeconds} =
   * stored bytes times the window's length in seconds.
   */
  public record StorageMeasured(
      String usageId,
      String tenantId,
      String bucket,
      String windowStart,
      String windowEnd,
      long storedBytes,
      long objectCount,
      String byteSeconds) {}

  /**
   * Traffic of a tenant's bucket in a window, as counted by one service instance: egress (bytes
   * served), ingress (bytes stored), and requests by S3's pricing classes (A: writes and lists, B:
   * reads).
   */
  public record TrafficRecorded(
      String usageId,
      String tenantId,
      String bucket,
      String windowStart,
      String windowEnd,
      long egressBytes,
      long ingressBytes,
      long classARequests,
      long classBRequests) {}
}
