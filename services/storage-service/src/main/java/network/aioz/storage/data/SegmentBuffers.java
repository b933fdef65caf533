package network.aioz.storage.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;
import network.aioz.storage.support.StorageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The memory of the data path: every segment buffer of every PUT, GET and repair comes from here,
 * under two byte budgets (writes and reads, so slow readers cannot stall uploads or the other way
 * round), and goes back here to be reused.
 *
 * <p>Work on a segment first takes a {@link Lease} of the bytes it will need at most, all at once
 * (waiting, first come first served, while the budget is spent: its client sees a slower transfer,
 * never an error, and two leases can never wait on each other). Under the lease it takes arrays and
 * gives back those nothing refers to any more. Given-back arrays are kept, by exact length, for the
 * next taker: a steady stream of same-sized segments allocates nothing, so the garbage collector
 * has no large arrays to move. The arrays in use plus those kept never exceed the two budgets
 * together: a new array is made only after dropping kept ones that would leave no room for it.
 */
@Component
public class SegmentBuffers {

  /** What a lease is for; each has its own budget. */
  public enum Use {
    /** PUT bodies and repairs: plaintext, then the pieces until they are uploaded. */
    WRITE,
    /** GET: the pieces fetched from edges until their plaintext is written out. */
    READ
  }

  /** Budget unit: permits are KiB, so large heaps stay within an {@code int}. */
  private static final int UNIT = 1024;

  private final int writeUnits;
  private final int readUnits;
  private final Semaphore writePermits;
  private final Semaphore readPermits;
  private final long total;

  // guarded by free
  private final Map<Integer, ArrayDeque<byte[]>> free = new HashMap<>();
  private long freeBytes;
  private long inUseBytes;

  @Autowired
  SegmentBuffers(StorageProperties settings) {
    this(Budgets.of(settings, Runtime.getRuntime().maxMemory()));
  }

  SegmentBuffers(Budgets budgets) {
    this.writeUnits = units(budgets.writeBytes());
    this.readUnits = units(budgets.readBytes());
    this.writePermits = new Semaphore(writeUnits, true);
    this.readPermits = new Semaphore(readUnits, true);
    this.total = ((long) writeUnits + readUnits) * UNIT;
  }

  /**
   * How much of the heap the data path may use. A write lease of a 16 MiB segment is about 2.5
   * segments (plaintext, then 14 pieces of a tenth each), a read lease about 1.5 (the pieces); a
   * quarter of the heap is for writes and a fifth for reads, but at least one lease each and no
   * more than {@code maxSegmentsInFlight} leases' worth. (With a 256 MiB heap: 64 MiB for writes —
   * one segment filling while one uploads — and 51 MiB for reads — one segment written out while
   * the next is fetched.)
   */
  record Budgets(long writeBytes, long readBytes) {

    static Budgets of(StorageProperties settings, long maxHeap) {
      long segment = settings.segmentSize().toBytes();
      long writeLease = segment * 5 / 2;
      long readLease = segment * 3 / 2;
      int most = Math.max(1, settings.maxSegmentsInFlight());
      return new Budgets(
          clamp(maxHeap / 4, writeLease, writeLease * most),
          clamp(maxHeap / 5, readLease, readLease * most));
    }

    private static long clamp(long value, long min, long max) {
      return Math.max(min, Math.min(max, value));
    }
  }

  /**
   * Reserves {@code bytes} of the budget of {@code use}, waiting until they are free. A request for
   * more than the whole budget gets the whole budget.
   */
  public Lease lease(Use use, long bytes) throws IOException {
    Semaphore permits = use == Use.WRITE ? writePermits : readPermits;
    int units = Math.min(units(bytes), use == Use.WRITE ? writeUnits : readUnits);
    try {
      permits.acquire(units);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for segment memory", e);
    }
    return new Lease(permits, units);
  }

  /** Arrays kept for reuse, in bytes (for tests). */
  long freeBytes() {
    synchronized (free) {
      return freeBytes;
    }
  }

  /** Arrays in use under leases, in bytes (for tests). */
  long inUseBytes() {
    synchronized (free) {
      return inUseBytes;
    }
  }

  private byte[] take(int length) {
    synchronized (free) {
      inUseBytes += length;
      ArrayDeque<byte[]> list = free.get(length);
      byte[] array = list == null ? null : list.pollLast();
      if (array != null) {
        freeBytes -= length;
        return array;
      }
      makeRoom();
    }
    return new byte[length];
  }

  private void keep(byte[] array) {
    synchronized (free) {
      inUseBytes -= array.length;
      free.computeIfAbsent(array.length, l -> new ArrayDeque<>()).addLast(array);
      freeBytes += array.length;
    }
  }

  private void forget(long bytes) {
    synchronized (free) {
      inUseBytes -= bytes;
    }
  }

  /** Drops kept arrays until kept plus in use fits the budgets (callers hold the lock). */
  private void makeRoom() {
    Iterator<Map.Entry<Integer, ArrayDeque<byte[]>>> lists = free.entrySet().iterator();
    while (freeBytes + inUseBytes > total && lists.hasNext()) {
      Map.Entry<Integer, ArrayDeque<byte[]>> list = lists.next();
      while (freeBytes + inUseBytes > total && !list.getValue().isEmpty()) {
        list.getValue().pollFirst();
        freeBytes -= list.getKey();
      }
      if (list.getValue().isEmpty()) {
        lists.remove();
      }
    }
  }

  private static int units(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT);
  }

  /**
   * Bytes reserved for one piece of work. Arrays taken under it are its own; give back only those
   * nothing else can still read or write (an upload still sending, a download still receiving).
   * Closing returns the reservation; arrays not given back are left to the garbage collector.
   */
  public final class Lease implements ByteArrays, AutoCloseable {

    private final Semaphore permits;
    private int units;
    private long taken;
    private boolean closed;

    private Lease(Semaphore permits, int units) {
      this.permits = permits;
      this.units = units;
    }

    /**
     * An array of exactly {@code length} bytes, reused when one is kept (its contents are then what
     * its last user left), else new.
     */
    @Override
    public byte[] take(int length) {
      synchronized (this) {
        taken += length;
      }
      return SegmentBuffers.this.take(length);
    }

    /** An array of {@code length} bytes if the lease still has room for it, else null. */
    @Override
    public byte[] tryTake(int length) {
      synchronized (this) {
        if (closed || taken + length > (long) units * UNIT) {
          return null;
        }
      }
      return take(length);
    }

    /** Gives an array back for reuse. Nothing may touch it afterwards. */
    @Override
    public void give(byte[] array) {
      if (array == null) {
        return;
      }
      synchronized (this) {
        if (closed) {
          return;
        }
        taken -= array.length;
      }
      keep(array);
    }

    /**
     * Gives back the distinct arrays among {@code arrays} (nulls skipped) whose every slot is
     * {@code reusable}: an array shared by several slots (replicas) stays out while any of them may
     * still be read.
     */
    public void giveAll(byte[][] arrays, IntPredicate reusable) {
      Map<byte[], Boolean> distinct = new IdentityHashMap<>();
      for (int i = 0; i < arrays.length; i++) {
        if (arrays[i] != null) {
          distinct.merge(arrays[i], reusable.test(i), Boolean::logicalAnd);
        }
      }
      distinct.forEach(
          (array, free) -> {
            if (free) {
              give(array);
            }
          });
    }

    /** Returns the part of the reservation not taken now, so other work can start sooner. */
    public void trimToTaken() {
      int release;
      synchronized (this) {
        int needed = units(taken);
        release = closed ? 0 : Math.max(0, units - needed);
        units -= release;
      }
      returnUnits(release);
    }

    /** Returns the reservation; arrays still taken are forgotten (left to the collector). */
    @Override
    public void close() {
      int release;
      long forgotten;
      synchronized (this) {
        release = closed ? 0 : units;
        forgotten = closed ? 0 : taken;
        closed = true;
        units = 0;
        taken = 0;
      }
      forget(forgotten);
      returnUnits(release);
    }

    private void returnUnits(int release) {
      if (release > 0) {
        permits.release(release);
      }
    }
  }
}
