package network.aioz.edge.store;

/**
 * Decides whether a piece may be written: nothing un-asked-for may fill an operator's disk, so only
 * pieces of work assigned to this node are let in.
 */
@FunctionalInterface
public interface WriteGate {

  WriteDecision check(String digest);

  /** Told once a piece has been stored, so work waiting for it can go on at once. */
  default void stored(String digest) {}

  /** The answer of a {@link WriteGate}. */
  sealed interface WriteDecision {

    /** The piece may be written, with at most {@code maxBytes} bytes. */
    record Allowed(long maxBytes) implements WriteDecision {}

    /** The piece may not be written; answered with {@code status} and the reason. */
    record Refused(int status, String title, String detail) implements WriteDecision {}
  }
}
