package network.aioz.gateway;

import org.springframework.core.Ordered;

/**
 * Where each gateway web filter runs, in one place so that concerns added later (identity, rate
 * limits, idempotency) slot in without reading every filter.
 */
public final class FilterOrder {

  /** First, so that every later filter, log line and error body can name the request. */
  public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 100;

  /** Before any work that reads the body; identity and rate limits will come after it. */
  public static final int REQUEST_SIZE = REQUEST_ID + 100;

  /** Before WebFlux's handler mapping, which would answer an S3 CORS preflight itself. */
  public static final int S3_PREFLIGHT = REQUEST_SIZE + 100;

  private FilterOrder() {}
}
