package network.aioz.billing.economics;

import java.util.regex.Pattern;

/** Argument checks shared by the records of this package, with messages that name the field. */
final class Checks {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private Checks() {}

  static void notBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    return value;
  }

  static long nonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }

  static int basisPoints(int value, String what) {
    if (value < 0 || value > 10_000) {
      throw new IllegalArgumentException(
          what + " must be between 0 and 10000 basis points, got " + value);
    }
    return value;
  }

  /** An EVM address in lower case, so that the same edge is always the same key and leaf. */
  static String address(String value) {
    if (value == null || !ADDRESS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not an EVM address (0x and 40 hex digits): '" + value + "'");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  static void requireNonNullElements(Iterable<?> values, String what) {
    notNull(values, what);
    for (Object value : values) {
      notNull(value, "an element of " + what);
    }
  }
}
