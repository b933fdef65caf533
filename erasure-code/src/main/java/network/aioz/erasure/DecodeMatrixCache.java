package network.aioz.erasure;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Inverted decode matrices by the set of shards they decode from: an edge that is down makes the
 * same pattern recur for every segment it held, and inverting is O(k^3).
 */
final class DecodeMatrixCache {

  private final Map<BitSet, byte[][]> matrices;

  DecodeMatrixCache(int capacity) {
    this.matrices =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<BitSet, byte[][]> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached matrix for {@code used} (never mutated after this call), or a new one. */
  byte[][] get(BitSet used, Function<BitSet, byte[][]> invert) {
    synchronized (matrices) {
      byte[][] cached = matrices.get(used);
      if (cached != null) {
        return cached;
      }
    }
    // inverting outside the lock; two threads may both invert the same pattern once, harmlessly
    byte[][] inverted = invert.apply(used);
    synchronized (matrices) {
      matrices.put(used, inverted);
    }
    return inverted;
  }

  int size() {
    synchronized (matrices) {
      return matrices.size();
    }
  }
}
