package network.aioz.identity.session;

/** Facts about wallet sessions, published on {@value #TOPIC} (key = tenant id). */
final class SessionEvents {

  static final String TOPIC = "identity.credential";
  static final String STARTED = "network.aioz.identity.SessionStarted";
  static final String REVOKED = "network.aioz.identity.SessionRevoked";

  private SessionEvents() {}

  record SessionStarted(String tenantId, String sessionId, String address) {}

  record SessionRevoked(String tenantId, String sessionId, String address, String reason) {}
}
