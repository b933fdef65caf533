package network.aioz.erasure;

/** Arithmetic in GF(2^8) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D). */
final class Galois {

  static final int POLYNOMIAL = 0x11D;

  /** LOG[a] for a != 0; the generator is 2. */
  private static final int[] LOG = new int[256];

  /** EXP doubled in length so that EXP[LOG[a] + LOG[b]] needs no modulo. */
  private static final byte[] EXP = new byte[510];

  /** MULTIPLY[a][b] = a * b: 64 KiB that make the scalar coding loop one lookup per byte. */
  static final byte[][] MULTIPLY = new byte[256][256];

  static {
    int value = 1;
    for (int power = 0; power < 255; power++) {
      EXP[power] = (byte) value;
      EXP[power + 255] = (byte) value;
      LOG[value] = power;
      value <<= 1;
      if (value >= 256) {
        value ^= POLYNOMIAL;
      }
    }
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        MULTIPLY[a][b] = (byte) multiplyByLogs(a, b);
      }
    }
  }

  private Galois() {}

  static int add(int a, int b) {
    return (a ^ b) & 0xFF;
  }

  static int multiply(int a, int b) {
    return MULTIPLY[a & 0xFF][b & 0xFF] & 0xFF;
  }

  private static int multiplyByLogs(int a, int b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return EXP[LOG[a] + LOG[b]] & 0xFF;
  }

  static int divide(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(2^8)");
    }
    if (a == 0) {
      return 0;
    }
    return EXP[LOG[a & 0xFF] - LOG[b & 0xFF] + 255] & 0xFF;
  }

  static int inverse(int a) {
    return divide(1, a);
  }

  /** a raised to the n-th power, with 0^0 = 1 as a Vandermonde matrix needs. */
  static int power(int a, int n) {
    if (n == 0) {
      return 1;
    }
    if (a == 0) {
      return 0;
    }
    return EXP[(LOG[a & 0xFF] * n) % 255] & 0xFF;
  }
}
