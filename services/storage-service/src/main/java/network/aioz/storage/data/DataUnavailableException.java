package network.aioz.storage.data;

/** Fewer pieces of a segment could be read than are needed to rebuild it. */
public final class DataUnavailableException extends RuntimeException {

  DataUnavailableException(Segment segment, int have, int k) {
    super(
        "segment "
            + segment.idx()
            + " of blob "
            + segment.blobId()
            + ": only "
            + have
            + " of the "
            + k
            + " pieces needed could be read",
        null,
        false,
        false);
  }
}
