package network.aioz.erasure;

/** One table lookup per input byte per output: the reference every faster loop must match. */
final class ScalarCodingLoop implements CodingLoop {

  static final ScalarCodingLoop INSTANCE = new ScalarCodingLoop();

  private ScalarCodingLoop() {}

  @Override
  public void code(
      byte[][] matrix, byte[][] inputs, int inOffset, byte[][] outputs, int outOffset, int length) {
    for (int start = 0; start < length; start += BLOCK) {
      int end = Math.min(length, start + BLOCK);
      for (int o = 0; o < outputs.length; o++) {
        codeBlock(matrix[o], inputs, inOffset, outputs[o], outOffset, start, end);
      }
    }
  }

  static void codeBlock(
      byte[] coefficients,
      byte[][] inputs,
      int inOffset,
      byte[] output,
      int outOffset,
      int start,
      int end) {
    byte[] table = Galois.MULTIPLY[coefficients[0] & 0xFF];
    byte[] input = inputs[0];
    for (int i = start; i < end; i++) {
      output[outOffset + i] = table[input[inOffset + i] & 0xFF];
    }
    for (int j = 1; j < inputs.length; j++) {
      table = Galois.MULTIPLY[coefficients[j] & 0xFF];
      input = inputs[j];
      for (int i = start; i < end; i++) {
        output[outOffset + i] ^= table[input[inOffset + i] & 0xFF];
      }
    }
  }

  @Override
  public String name() {
    return "scalar (GF(2^8) multiplication table)";
  }
}
