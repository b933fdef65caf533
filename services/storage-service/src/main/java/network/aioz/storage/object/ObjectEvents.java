package network.aioz.storage.object;

/**
 * Facts about objects on topic {@value #TOPIC} (key = bucket/key), for indexing, webhooks and
 * billing.
 */
public final class ObjectEvents {

  public static final String TOPIC = "storage.object";
  public static final String CREATED = "network.aioz.storage.ObjectCreated";
  public static final String DELETED = "network.aioz.storage.ObjectDeleted";
  public static final String DELETE_MARKER_CREATED = "network.aioz.storage.DeleteMarkerCreated";

  private ObjectEvents() {}

  public record ObjectFact(
      String tenantId, String bucket, String key, String versionId, long size, String etag) {}
}
