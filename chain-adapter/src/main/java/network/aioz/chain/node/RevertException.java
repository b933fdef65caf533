package network.aioz.chain.node;

/** A call the chain refused; {@link #revert()} says why. */
public class RevertException extends RuntimeException {

  private final transient Revert revert;

  public RevertException(Revert revert) {
    super("reverted: " + revert);
    this.revert = revert;
  }

  public Revert revert() {
    return revert;
  }
}
