package network.aioz.billing.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: single transfers from many callers are gathered into batches of up to {@code
 * maxBatch}, each applied in one database transaction (one fsync) by one of {@code writers}
 * threads; a caller's future completes once its transfer's batch has committed. Transfers of one
 * batch stay independent (one refused transfer does not affect the others).
 */
public class TransferBatcher implements AutoCloseable {

  private record Waiting(TransferRequest request, CompletableFuture<TransferResult> result) {}

  private final Ledger ledger;
  private final int maxBatch;
  private final BlockingQueue<Waiting> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closed;

  public TransferBatcher(Ledger ledger, int writers, int maxBatch, int queueCapacity) {
    this.ledger = ledger;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    for (int i = 0; i < writers; i++) {
      Thread writer = Thread.ofPlatform().name("ledger-writer-" + i).daemon().start(this::write);
      this.writers.add(writer);
    }
  }

  /** Queues one transfer; completes when it is durable (or refused), exceptionally on failure. */
  public CompletableFuture<TransferResult> submit(TransferRequest request) {
    CompletableFuture<TransferResult> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new RejectedExecutionException("the ledger is shutting down"));
      return result;
    }
    try {
      queue.put(new Waiting(request, result));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(e);
    }
    return result;
  }

  private void write() {
    List<Waiting> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        List<TransferResult> results = ledger.submit(batch.stream().map(Waiting::request).toList());
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).result().complete(results.get(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(w -> w.result().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread writer : writers) {
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // a transfer queued while the writers were finishing is refused, never left waiting
    List<Waiting> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(
        w -> w.result().completeExceptionally(new RejectedExecutionException("the ledger closed")));
  }
}
