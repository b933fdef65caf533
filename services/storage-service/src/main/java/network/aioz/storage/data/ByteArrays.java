package network.aioz.storage.data;

/**
 * Where the data path gets its large arrays and gives them back: a {@link SegmentBuffers.Lease}, or
 * {@link #HEAP} (new arrays, nothing kept).
 */
public interface ByteArrays {

  /** Plain allocation: every array new (and zeroed), given-back arrays left to the collector. */
  ByteArrays HEAP =
      new ByteArrays() {
        @Override
        public byte[] take(int length) {
          return new byte[length];
        }

        @Override
        public void give(byte[] array) {}
      };

  /** An array of exactly {@code length} bytes; its contents are unspecified (a reused array). */
  byte[] take(int length);

  /**
   * An array of {@code length} bytes if there is room for it, else null (for optional work such as
   * a hedged request).
   */
  default byte[] tryTake(int length) {
    return take(length);
  }

  /** Gives back an array nothing refers to any more. */
  void give(byte[] array);
}
