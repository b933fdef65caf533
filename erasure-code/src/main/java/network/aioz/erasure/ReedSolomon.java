package network.aioz.erasure;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A systematic Reed–Solomon code over GF(2^8): {@code k} data shards and {@code m} parity shards,
 * any {@code k} of which rebuild all the others.
 *
 * <p>Shards are byte arrays of equal usable size; every operation works on the same range {@code
 * [offset, offset + length)} of every shard, so callers can code pooled or oversized buffers. The
 * generator matrix is a Vandermonde matrix made systematic (as Backblaze's JavaReedSolomon does):
 * its top {@code k} rows are the identity, and any {@code k} of its {@code n} rows are invertible.
 *
 * <p>Instances are immutable and thread-safe; inverted decode matrices are cached per erasure
 * pattern in a small bounded cache.
 */
public final class ReedSolomon {

  /** GF(2^8) has 256 distinct evaluation points, so at most 256 shards. */
  public static final int MAX_TOTAL_SHARDS = 256;

  static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final int DECODE_CACHE_CAPACITY = 64;
  private static final int VERIFY_CHUNK = 64 * 1024;

  private final int dataShards;
  private final int parityShards;
  private final byte[][] generator;
  private final byte[][] parityRows;
  private final CodingLoop loop;
  private final String implementation;
  private final DecodeMatrixCache decodeMatrices = new DecodeMatrixCache(DECODE_CACHE_CAPACITY);

  private ReedSolomon(int dataShards, int parityShards, CodingLoop loop, String implementation) {
    checkShardCounts(dataShards, parityShards);
    this.dataShards = dataShards;
    this.parityShards = parityShards;
    int total = dataShards + parityShards;
    byte[][] vandermonde = Matrix.vandermonde(total, dataShards);
    this.generator =
        Matrix.multiply(vandermonde, Matrix.invert(Matrix.rows(vandermonde, 0, dataShards)));
    this.parityRows = Matrix.rows(generator, dataShards, total);
    this.loop = loop;
    this.implementation = implementation;
  }

  /**
   * The fastest implementation available: the Vector API one when {@code jdk.incubator.vector} is
   * in the boot layer (run with {@code --add-modules=jdk.incubator.vector}), otherwise the scalar
   * one, which {@link #implementation()} then says, with the reason.
   *
   * @throws IllegalArgumentException unless {@code dataShards >= 1}, {@code parityShards >= 0} and
   *     {@code dataShards + parityShards <= 256}
   */
  public static ReedSolomon create(int dataShards, int parityShards) {
    checkShardCounts(dataShards, parityShards);
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return scalar(
          dataShards,
          parityShards,
          "; "
              + VECTOR_MODULE
              + " is not in the boot layer (add --add-modules="
              + VECTOR_MODULE
              + ")");
    }
    CodingLoop vector;
    try {
      vector = VectorCodingLoop.INSTANCE;
    } catch (LinkageError | RuntimeException unavailable) {
      return scalar(dataShards, parityShards, "; vector loop unavailable: " + unavailable);
    }
    return new ReedSolomon(dataShards, parityShards, vector, vector.name());
  }

  /** The reference implementation: one GF(2^8) table lookup per byte, no Vector API. */
  public static ReedSolomon scalar(int dataShards, int parityShards) {
    return scalar(dataShards, parityShards, "");
  }

  private static ReedSolomon scalar(int dataShards, int parityShards, String why) {
    CodingLoop scalar = ScalarCodingLoop.INSTANCE;
    return new ReedSolomon(dataShards, parityShards, scalar, scalar.name() + why);
  }

  /** k: the number of data shards. */
  public int dataShards() {
    return dataShards;
  }

  /** m: the number of parity shards. */
  public int parityShards() {
    return parityShards;
  }

  /** n = k + m. */
  public int totalShards() {
    return dataShards + parityShards;
  }

  /** Which coding loop this instance uses, and why when it is the scalar fallback. */
  public String implementation() {
    return implementation;
  }

  /**
   * Computes the parity shards: {@code shards[0..k)} hold data; fills {@code shards[k..n)} over
   * {@code [offset, offset + length)}, leaving their other bytes alone.
   *
   * @throws IllegalArgumentException unless there are n non-null shards, each at least {@code
   *     offset + length} bytes long
   */
  public void encodeParity(byte[][] shards, int offset, int length) {
    checkShards(shards, offset, length);
    if (parityShards == 0) {
      return;
    }
    loop.code(
        parityRows,
        Arrays.copyOf(shards, dataShards),
        offset,
        Arrays.copyOfRange(shards, dataShards, totalShards()),
        offset,
        length);
  }

  /**
   * Rebuilds, over {@code [offset, offset + length)}, every shard with {@code present[i] == false}
   * from k present ones (data shards preferred, as they are cheapest to decode from). The missing
   * shards must be allocated arrays; their contents are overwritten.
   *
   * @throws NotEnoughShardsException when fewer than k shards are present; no shard is touched
   * @throws IllegalArgumentException unless there are n non-null shards, each at least {@code
   *     offset + length} bytes long, and n presence flags
   */
  public void reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
    rebuild(shards, present, offset, length, true);
  }

  /**
   * As {@link #reconstruct}, but rebuilds only the missing data shards (what a read needs); missing
   * parity shards are left as they are and may be null (a read need not allocate them).
   */
  public void reconstructData(byte[][] shards, boolean[] present, int offset, int length) {
    rebuild(shards, present, offset, length, false);
  }

  /**
   * Whether the parity shards hold exactly the parity of the data shards over {@code [offset,
   * offset + length)}.
   */
  public boolean isParityCorrect(byte[][] shards, int offset, int length) {
    checkShards(shards, offset, length);
    if (parityShards == 0 || length == 0) {
      return true;
    }
    byte[][] data = Arrays.copyOf(shards, dataShards);
    byte[][] expected = new byte[parityShards][Math.min(length, VERIFY_CHUNK)];
    for (int done = 0; done < length; done += VERIFY_CHUNK) {
      int chunk = Math.min(VERIFY_CHUNK, length - done);
      loop.code(parityRows, data, offset + done, expected, 0, chunk);
      for (int p = 0; p < parityShards; p++) {
        int from = offset + done;
        if (!Arrays.equals(expected[p], 0, chunk, shards[dataShards + p], from, from + chunk)) {
          return false;
        }
      }
    }
    return true;
  }

  private void rebuild(
      byte[][] shards, boolean[] present, int offset, int length, boolean parityToo) {
    if (present == null || present.length != totalShards()) {
      throw new IllegalArgumentException(
          "expected "
              + totalShards()
              + " presence flags, got "
              + (present == null ? "null" : present.length));
    }
    checkShards(shards, offset, length, parityToo ? null : present);
    int presentCount = 0;
    for (boolean isPresent : present) {
      presentCount += isPresent ? 1 : 0;
    }
    if (presentCount < dataShards) {
      throw new NotEnoughShardsException(presentCount, dataShards);
    }

    BitSet used = new BitSet(totalShards());
    byte[][] inputs = new byte[dataShards][];
    for (int i = 0, found = 0; found < dataShards; i++) {
      if (present[i]) {
        used.set(i);
        inputs[found++] = shards[i];
      }
    }

    int missingData = 0;
    for (int i = 0; i < dataShards; i++) {
      missingData += present[i] ? 0 : 1;
    }
    if (missingData > 0) {
      byte[][] decode = decodeMatrices.get(used, this::invertRows);
      byte[][] rows = new byte[missingData][];
      byte[][] outputs = new byte[missingData][];
      for (int i = 0, o = 0; i < dataShards; i++) {
        if (!present[i]) {
          rows[o] = decode[i];
          outputs[o++] = shards[i];
        }
      }
      loop.code(rows, inputs, offset, outputs, offset, length);
    }

    int missingParity = totalShards() - presentCount - missingData;
    if (parityToo && missingParity > 0) {
      byte[][] rows = new byte[missingParity][];
      byte[][] outputs = new byte[missingParity][];
      for (int p = 0, o = 0; p < parityShards; p++) {
        if (!present[dataShards + p]) {
          rows[o] = parityRows[p];
          outputs[o++] = shards[dataShards + p];
        }
      }
      loop.code(rows, Arrays.copyOf(shards, dataShards), offset, outputs, offset, length);
    }
  }

  private byte[][] invertRows(BitSet used) {
    byte[][] rows = new byte[dataShards][];
    for (int i = used.nextSetBit(0), r = 0; i >= 0; i = used.nextSetBit(i + 1)) {
      rows[r++] = generator[i];
    }
    return Matrix.invert(rows);
  }

  int cachedDecodeMatrices() {
    return decodeMatrices.size();
  }

  private static void checkShardCounts(int dataShards, int parityShards) {
    if (dataShards < 1) {
      throw new IllegalArgumentException("dataShards must be at least 1, was " + dataShards);
    }
    if (parityShards < 0) {
      throw new IllegalArgumentException("parityShards must be at least 0, was " + parityShards);
    }
    if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
      throw new IllegalArgumentException(
          "dataShards + parityShards must be at most "
              + MAX_TOTAL_SHARDS
              + ", was "
              + dataShards
              + " + "
              + parityShards);
    }
  }

  private void checkShards(byte[][] shards, int offset, int length) {
    checkShards(shards, offset, length, null);
  }

  /** As above; with {@code present}, absent parity shards may be null (they are not touched). */
  private void checkShards(byte[][] shards, int offset, int length, boolean[] present) {
    if (shards == null || shards.length != totalShards()) {
      throw new IllegalArgumentException(
          "expected "
              + totalShards()
              + " shards ("
              + dataShards
              + " data + "
              + parityShards
              + " parity), got "
              + (shards == null ? "null" : shards.length));
    }
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset and length must not be negative, were " + offset + " and " + length);
    }
    long end = (long) offset + length;
    for (int i = 0; i < shards.length; i++) {
      if (shards[i] == null && present != null && i >= dataShards && !present[i]) {
        continue;
      }
      if (shards[i] == null) {
        throw new IllegalArgumentException("shard " + i + " is null");
      }
      if (shards[i].length < end) {
        throw new IllegalArgumentException(
            "shard "
                + i
                + " has "
                + shards[i].length
                + " bytes, fewer than offset + length = "
                + end);
      }
    }
  }

  @Override
  public String toString() {
    return "ReedSolomon[" + dataShards + "+" + parityShards + ", " + implementation + "]";
  }
}
