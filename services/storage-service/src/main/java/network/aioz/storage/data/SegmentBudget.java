package network.aioz.storage.data;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import network.aioz.storage.support.StorageProperties;
import org.springframework.stereotype.Component;

/**
 * The memory bound of the data path: how many segment buffers all requests together may hold. A
 * request beyond it waits (its client sees a slower transfer, not an error).
 */
@Component
public class SegmentBudget {

  private final Semaphore permits;

  SegmentBudget(StorageProperties settings) {
    this.permits = new Semaphore(permits(settings, Runtime.getRuntime().maxMemory()), true);
  }

  /**
   * The configured number, but no more than a third of the heap holds: a segment in flight takes
   * about 2.5 times its size (plaintext, then k + m pieces of a tenth of it each, plus headroom),
   * and each request also fills its next segment outside the budget. (Half the heap was too much:
   * with a 256 MiB heap, three 16 MiB segments in flight ran a 1 GiB PUT out of memory.)
   */
  static int permits(StorageProperties settings, long maxHeap) {
    long perSegment = (long) (settings.segmentSize().toBytes() * 2.5);
    long fit = maxHeap / 3 / Math.max(1, perSegment);
    return (int) Math.max(2, Math.min(settings.maxSegmentsInFlight(), fit));
  }

  void acquire() throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a segment buffer", e);
    }
  }

  void release() {
    permits.release();
  }
}
