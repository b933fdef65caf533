package network.aioz.gateway.requestid;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id of an exchange and the rule for which client-supplied ids are accepted. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

  // A restricted alphabet keeps a client-chosen id safe to put in headers, logs and JSON as is.
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private RequestIds() {}

  /** The id the gateway assigned to this exchange, if the request id filter has run. */
  public static Optional<String> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }

  static boolean isAcceptable(String candidate) {
    return candidate != null && VALID.matcher(candidate).matches();
  }

  static String generate() {
    return UUID.randomUUID().toString();
  }
}
