package network.aioz.edge.store;

import java.io.IOException;

/** Bytes that do not hash to the digest they were written under. */
public final class DigestMismatchException extends IOException {

  DigestMismatchException(String expected, String actual) {
    super("the bytes hash to " + actual + ", not to " + expected);
  }
}
