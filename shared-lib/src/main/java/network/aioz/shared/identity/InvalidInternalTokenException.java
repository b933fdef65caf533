package network.aioz.shared.identity;

/**
 * The token is missing, malformed, not signed by the gateway, expired or otherwise unacceptable.
 */
public class InvalidInternalTokenException extends Exception {

  public InvalidInternalTokenException(String message) {
    super(message);
  }

  public InvalidInternalTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
