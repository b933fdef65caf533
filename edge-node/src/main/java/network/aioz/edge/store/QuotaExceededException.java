package network.aioz.edge.store;

import java.io.IOException;

/** A write that would take the store over the operator's quota. */
public final class QuotaExceededException extends IOException {

  QuotaExceededException(long quotaBytes, long committedBytes) {
    super(
        "the piece does not fit in the quota of "
            + quotaBytes
            + " bytes ("
            + committedBytes
            + " bytes used or reserved)");
  }
}
