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
    this.permits = new Semaphore(Math.max(2, settings.maxSegmentsInFlight()), true);
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
