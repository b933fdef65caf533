package network.aioz.identity.support;

import java.util.UUID;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;

/** What the identity features read from the gateway's internal token. */
public final class Callers {

  public static final String SIWE = "siwe";
  public static final String API_KEY = "api-key";

  private Callers() {}

  /**
   * The caller's tenant, from the token's {@code tenant} claim only (never from the request), as an
   * identity tenant id.
   */
  public static UUID tenant(InternalIdentity caller) {
    try {
      return UUID.fromString(caller.tenantId());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiProblem.forbidden("the caller does not act for an identity tenant");
    }
  }

  public static boolean isSession(InternalIdentity caller) {
    return SIWE.equals(caller.authMethod());
  }
}
