package network.aioz.edge.ledger;

import java.io.IOException;

/** The ledger answered with an error status; {@link #status()} tells which. */
public final class LedgerException extends IOException {

  private final int status;

  LedgerException(String method, String path, int status, String body) {
    super(method + " " + path + " -> " + status + (body.isBlank() ? "" : ": " + abbreviate(body)));
    this.status = status;
  }

  public int status() {
    return status;
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
