package network.aioz.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GaloisTests {

  @Test
  void knownProductsUnderPolynomial0x11D() {
    assertThat(Galois.multiply(3, 7)).isEqualTo(9);
    assertThat(Galois.multiply(2, 0x80)).isEqualTo(0x1D);
    assertThat(Galois.multiply(0x80, 0x80)).isEqualTo(0x13);
    assertThat(Galois.multiply(0, 0xAB)).isZero();
    assertThat(Galois.multiply(1, 0xAB)).isEqualTo(0xAB);
    assertThat(Galois.power(2, 8)).isEqualTo(0x1D);
  }

  @Test
  void knownInverses() {
    assertThat(Galois.inverse(1)).isEqualTo(1);
    assertThat(Galois.inverse(2)).isEqualTo(0x8E);
    assertThat(Galois.inverse(0x8E)).isEqualTo(2);
    for (int a = 1; a < 256; a++) {
      assertThat(Galois.multiply(a, Galois.inverse(a))).as("a = %d", a).isEqualTo(1);
    }
    assertThatThrownBy(() -> Galois.inverse(0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void multiplicationTableMatchesCarryLessMultiplicationModuloThePolynomial() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        assertThat(Galois.multiply(a, b)).as("%d * %d", a, b).isEqualTo(slowMultiply(a, b));
      }
    }
  }

  private static int slowMultiply(int a, int b) {
    int product = 0;
    for (int bit = 0; bit < 8; bit++) {
      if ((b & (1 << bit)) != 0) {
        product ^= a << bit;
      }
    }
    for (int bit = 15; bit >= 8; bit--) {
      if ((product & (1 << bit)) != 0) {
        product ^= Galois.POLYNOMIAL << (bit - 8);
      }
    }
    return product;
  }
}
