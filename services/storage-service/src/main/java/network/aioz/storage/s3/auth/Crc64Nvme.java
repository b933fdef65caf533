package network.aioz.storage.s3.auth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), slicing-by-8:
 * eight bytes per step through eight 256-entry tables. The JDK has no CRC-64.
 */
final class Crc64Nvme implements Checksum {

  private static final long POLY = 0x9A6C9329AC4BC9B5L;
  private static final long[][] T = tables();
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long crc = ~0L;

  private static long[][] tables() {
    long[][] t = new long[8][256];
    for (int i = 0; i < 256; i++) {
      long c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      t[0][i] = c;
    }
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        long prev = t[k - 1][i];
        t[k][i] = (prev >>> 8) ^ t[0][(int) (prev & 0xff)];
      }
    }
    return t;
  }

  @Override
  public void update(int b) {
    crc = T[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    long c = crc;
    int i = off;
    int end = off + len;
    long[] t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6], t7 = T[7];
    while (end - i >= 8) {
      long x = c ^ (long) LE_LONG.get(b, i);
      c =
          t7[(int) (x & 0xff)]
              ^ t6[(int) ((x >>> 8) & 0xff)]
              ^ t5[(int) ((x >>> 16) & 0xff)]
              ^ t4[(int) ((x >>> 24) & 0xff)]
              ^ t3[(int) ((x >>> 32) & 0xff)]
              ^ t2[(int) ((x >>> 40) & 0xff)]
              ^ t1[(int) ((x >>> 48) & 0xff)]
              ^ t0[(int) (x >>> 56)];
      i += 8;
    }
    while (i < end) {
      c = t0[(int) ((c ^ b[i++]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = ~0L;
  }
}
