package network.aioz.edge.store;

import java.io.IOException;

/** A write longer than the piece it claims to be. */
public final class PieceTooLargeException extends IOException {

  PieceTooLargeException(long maxBytes) {
    super("the piece is larger than the " + maxBytes + " bytes it was assigned with");
  }
}
