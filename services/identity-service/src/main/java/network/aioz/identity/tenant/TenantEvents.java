package network.aioz.identity.tenant;

/** Facts about tenants and their members, published on {@value #TOPIC} (key = tenant id). */
final class TenantEvents {

  static final String TOPIC = "identity.tenant";
  static final String TENANT_CREATED = "network.aioz.identity.TenantCreated";
  static final String MEMBER_ADDED = "network.aioz.identity.MemberAdded";
  static final String MEMBER_REMOVED = "network.aioz.identity.MemberRemoved";

  private TenantEvents() {}

  record TenantCreated(String tenantId, String name, String owner) {}

  record MemberAdded(String tenantId, String address, String role, String addedBy) {}

  record MemberRemoved(String tenantId, String address, String removedBy) {}
}
