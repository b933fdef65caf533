package network.aioz.chain.node;

/** The node serves another chain than the configured one: nothing is read from it or sent to it. */
public class WrongChainException extends RuntimeException {

  public WrongChainException(String message) {
    super(message);
  }
}
