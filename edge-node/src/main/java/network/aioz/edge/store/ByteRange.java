package network.aioz.edge.store;

import java.util.Locale;
import java.util.Optional;

/** One satisfiable byte range of a piece, both ends inclusive (RFC 9110 section 14). */
record ByteRange(long first, long last) {

  long length() {
    return last - first + 1;
  }

  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Reads a {@code Range} header against a piece of {@code size} bytes. Empty means serve the whole
   * piece: no header, another unit, several ranges or a malformed one, all of which RFC 9110 lets a
   * server ignore.
   *
   * @throws Unsatisfiable when the range lies wholly outside the piece
   */
  static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return Optional.empty();
    }
    String spec = value.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (spec.contains(",") || dash < 0) {
      return Optional.empty();
    }
    String from = spec.substring(0, dash).strip();
    String to = spec.substring(dash + 1).strip();
    try {
      if (from.isEmpty()) {
        long suffix = parseNonNegative(to);
        if (suffix == 0 || size == 0) {
          throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = parseNonNegative(from);
      long last = to.isEmpty() ? Long.MAX_VALUE : parseNonNegative(to);
      if (last < first) {
        return Optional.empty();
      }
      if (first >= size) {
        throw new Unsatisfiable();
      }
      return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException malformed) {
      return Optional.empty();
    }
  }

  private static long parseNonNegative(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException(digits);
    }
    return Long.parseLong(digits);
  }

  /** A range wholly outside the piece: answered with 416. */
  static final class Unsatisfiable extends Exception {
    Unsatisfiable() {
      super(null, null, false, false);
    }
  }
}
