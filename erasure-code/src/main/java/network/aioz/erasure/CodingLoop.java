package network.aioz.erasure;

/** Multiplies a coefficient matrix by a range of input shards into output shards. */
interface CodingLoop {

  /**
   * Bytes of each input kept hot in the cache while every output is computed from them: 10 inputs
   * of 16 KiB fit the 512 KiB L2 of the machines this was tuned on.
   */
  int BLOCK = 16 * 1024;

  /**
   * {@code outputs[o][outOffset + i] = sum over j of matrix[o][j] * inputs[j][inOffset + i]} for
   * {@code 0 <= i < length}; {@code matrix} has one row per output and one column per input, and no
   * output may be one of the inputs.
   */
  void code(
      byte[][] matrix, byte[][] inputs, int inOffset, byte[][] outputs, int outOffset, int length);

  String name();
}
