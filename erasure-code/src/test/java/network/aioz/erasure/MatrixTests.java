package network.aioz.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTests {

  @Test
  void aMatrixTimesItsInverseIsTheIdentity() {
    byte[][] square = Matrix.rows(Matrix.vandermonde(12, 5), 3, 8);

    assertThat(Matrix.multiply(square, Matrix.invert(square))).isDeepEqualTo(Matrix.identity(5));
  }

  @Test
  void aSingularMatrixIsRefused() {
    byte[][] singular = {{1, 2}, {2, 4}};

    assertThatThrownBy(() -> Matrix.invert(singular))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("singular");
  }
}
