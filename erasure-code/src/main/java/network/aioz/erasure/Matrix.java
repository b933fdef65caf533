package network.aioz.erasure;

/** Dense matrices over GF(2^8), rows of unsigned bytes stored as {@code byte[]}. */
final class Matrix {

  private Matrix() {}

  /** rows x columns with entry (r, c) = r^c: any {@code columns} of its rows are independent. */
  static byte[][] vandermonde(int rows, int columns) {
    byte[][] result = new byte[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        result[r][c] = (byte) Galois.power(r, c);
      }
    }
    return result;
  }

  static byte[][] identity(int size) {
    byte[][] result = new byte[size][size];
    for (int i = 0; i < size; i++) {
      result[i][i] = 1;
    }
    return result;
  }

  static byte[][] multiply(byte[][] left, byte[][] right) {
    int rows = left.length;
    int inner = right.length;
    int columns = right[0].length;
    byte[][] result = new byte[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int sum = 0;
        for (int i = 0; i < inner; i++) {
          sum ^= Galois.multiply(left[r][i], right[i][c]);
        }
        result[r][c] = (byte) sum;
      }
    }
    return result;
  }

  static byte[][] rows(byte[][] matrix, int from, int to) {
    byte[][] result = new byte[to - from][];
    for (int r = from; r < to; r++) {
      result[r - from] = matrix[r].clone();
    }
    return result;
  }

  /**
   * The inverse by Gauss–Jordan elimination.
   *
   * @throws ArithmeticException when the matrix is singular
   */
  static byte[][] invert(byte[][] matrix) {
    int size = matrix.length;
    byte[][] work = new byte[size][2 * size];
    for (int r = 0; r < size; r++) {
      if (matrix[r].length != size) {
        throw new IllegalArgumentException("only square matrices can be inverted");
      }
      System.arraycopy(matrix[r], 0, work[r], 0, size);
      work[r][size + r] = 1;
    }
    for (int column = 0; column < size; column++) {
      int pivot = column;
      while (pivot < size && work[pivot][column] == 0) {
        pivot++;
      }
      if (pivot == size) {
        throw new ArithmeticException("matrix is singular");
      }
      byte[] swap = work[pivot];
      work[pivot] = work[column];
      work[column] = swap;

      byte[] pivotRow = work[column];
      int scale = Galois.inverse(pivotRow[column]);
      for (int c = 0; c < 2 * size; c++) {
        pivotRow[c] = (byte) Galois.multiply(pivotRow[c], scale);
      }
      for (int r = 0; r < size; r++) {
        int factor = work[r][column] & 0xFF;
        if (r != column && factor != 0) {
          for (int c = 0; c < 2 * size; c++) {
            work[r][c] ^= (byte) Galois.multiply(factor, pivotRow[c]);
          }
        }
      }
    }
    byte[][] inverse = new byte[size][size];
    for (int r = 0; r < size; r++) {
      System.arraycopy(work[r], size, inverse[r], 0, size);
    }
    return inverse;
  }
}
