package network.aioz.gateway;

import org.springframework.core.Ordered;

/** Where each gateway web filter and global filter runs, in one place. */
public final class FilterOrder {

  /** First, so that every later filter, log line and error body can name the request. */
  public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 100;

  /** Before any work that reads the body; identity and rate limits will come after it. */
  public static final int REQUEST_SIZE = REQUEST_ID + 100;

  /** Before WebFlux's handler mapping, which would answer an S3 CORS preflight itself. */
  public static final int S3_PREFLIGHT = REQUEST_SIZE + 100;

  /** Answers the console's preflights before routing; S3 traffic is left to the bucket's rules. */
  public static final int CORS = S3_PREFLIGHT + 100;

  // Global filters run after the route is chosen, in their own chain, so they can read the route's
  // metadata; all of them run before NettyWriteResponseFilter (-1), which writes the upstream's
  // response through whatever response decorator they installed.

  /** Who is calling: a refused credential costs no rate-limit token and no database row. */
  public static final int AUTHENTICATION = -900;

  /** Per tenant, per key and per anonymous client, once the caller is known. */
  public static final int RATE_LIMIT = AUTHENTICATION + 100;

  /** Last before forwarding: only requests that will really be sent hold an idempotency key. */
  public static final int IDEMPOTENCY = RATE_LIMIT + 100;

  private FilterOrder() {}
}
