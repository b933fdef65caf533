package network.aioz.gateway.identity;

import java.util.Locale;
import java.util.Map;
import org.springframework.cloud.gateway.route.Route;

/** What a route demands of callers, from its {@code auth} metadata (default {@code required}). */
public enum RouteAuth {
  /** A valid API key or session JWT, or 401 at the gateway. */
  REQUIRED,
  /**
   * A credential is checked when present (an invalid one is still 401); without one the request
   * goes on anonymously and the service decides (edge-signed ledger calls, sign-in itself).
   */
  OPTIONAL,
  /** S3 API traffic: storage-service checks the SigV4 signature itself. */
  S3,
  /** Public documents (OpenAPI); credentials are ignored. */
  NONE;

  public static final String METADATA = "auth";

  public static RouteAuth of(Route route) {
    Map<String, Object> metadata = route == null ? Map.of() : route.getMetadata();
    Object value = metadata.get(METADATA);
    if (value == null) {
      return REQUIRED;
    }
    try {
      return valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "route "
              + route.getId()
              + " has auth metadata '"
              + value
              + "'; use required, optional,"
              + " s3 or none",
          e);
    }
  }
}
