package network.aioz.edge.membership;

import java.io.IOException;
import java.time.Duration;
import network.aioz.edge.ledger.LedgerClient;
import network.aioz.edge.ledger.LedgerException;
import network.aioz.edge.ledger.NodeView;
import network.aioz.edge.ledger.Registration;
import network.aioz.edge.support.Log;

/** Registers the node, retrying with backoff while the ledger cannot be reached. */
public final class Registrar {

  private static final Log LOG = Log.of(Registrar.class);

  private final LedgerClient ledger;
  private final Registration registration;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  public Registrar(
      LedgerClient ledger, Registration registration, Duration firstBackoff, Duration maxBackoff) {
    this.ledger = ledger;
    this.registration = registration;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Registers, retrying until the ledger answers.
   *
   * @throws RegistrationRefusedException when the ledger refuses this registration, which no retry
   *     would change (an unknown capability, a bad signature)
   */
  public NodeView register() throws InterruptedException {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        NodeView node = ledger.register(registration);
        LOG.info(
            "registered "
                + registration.address()
                + " in "
                + registration.region()
                + " as "
                + registration.endpoint()
                + " (status "
                + (node == null ? "?" : node.status())
                + ")");
        return node;
      } catch (LedgerException e) {
        if (!retryable(e.status())) {
          throw new RegistrationRefusedException(e);
        }
        LOG.warn("registration attempt " + attempt + " failed: " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "registration attempt "
                + attempt
                + ": ledger not reachable ("
                + e
                + "), retrying in "
                + backoff.toMillis()
                + " ms");
      }
      Thread.sleep(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429 || status == 404;
  }

  /** The ledger refused the registration for a reason a retry would not change. */
  public static final class RegistrationRefusedException extends RuntimeException {
    RegistrationRefusedException(LedgerException cause) {
      super("the ledger refused the registration: " + cause.getMessage(), cause);
    }

    public int status() {
      return ((LedgerException) getCause()).status();
    }
  }
}
