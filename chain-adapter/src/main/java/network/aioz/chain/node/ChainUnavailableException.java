package network.aioz.chain.node;

/** The chain node could not be asked (down, unreachable, or answering errors); retried later. */
public class ChainUnavailableException extends RuntimeException {

  public ChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public ChainUnavailableException(String message) {
    super(message);
  }
}
