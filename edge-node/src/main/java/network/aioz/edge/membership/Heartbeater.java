package network.aioz.edge.membership;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import network.aioz.edge.ledger.Heartbeat;
import network.aioz.edge.ledger.HeartbeatAck;
import network.aioz.edge.ledger.LedgerClient;
import network.aioz.edge.ledger.LedgerException;
import network.aioz.edge.support.Log;

/**
 * Sends heartbeats at the interval the ledger asks for, with sequence numbers that never repeat,
 * and a last one with {@code draining=true} on shutdown so no new work is assigned.
 */
public final class Heartbeater implements AutoCloseable {

  private static final Log LOG = Log.of(Heartbeater.class);

  private final LedgerClient ledger;
  private final SequenceFile sequence;
  private final LongSupplier usedBytes;
  private final IntSupplier runningTasks;
  private final Runnable onUnknownNode;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heartbeat").factory());
  private volatile Duration interval;

  /**
   * @param onUnknownNode called when the ledger no longer knows the node (it must register again)
   */
  public Heartbeater(
      LedgerClient ledger,
      Path dataDir,
      Clock clock,
      Duration interval,
      LongSupplier usedBytes,
      IntSupplier runningTasks,
      Runnable onUnknownNode) {
    this.ledger = ledger;
    this.sequence = new SequenceFile(dataDir.resolve("heartbeat.seq"), clock);
    this.interval = interval;
    this.usedBytes = usedBytes;
    this.runningTasks = runningTasks;
    this.onUnknownNode = onUnknownNode;
  }

  /** Follows the ledger's interval when it gives one. */
  public void followLedger(Integer heartbeatIntervalSeconds) {
    if (heartbeatIntervalSeconds != null && heartbeatIntervalSeconds > 0) {
      interval = Duration.ofSeconds(heartbeatIntervalSeconds);
    }
  }

  public Duration interval() {
    return interval;
  }

  public void start() {
    scheduler.execute(this::beatAndReschedule);
  }

  /** Stops the periodic heartbeats and tells the ledger the node is draining. */
  public void sendDraining() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
      send(true);
      LOG.info("sent the draining heartbeat");
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not send the draining heartbeat: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void beatAndReschedule() {
    try {
      HeartbeatAck ack = send(false);
      if (ack != null) {
        followLedger(ack.heartbeatIntervalSeconds());
      }
    } catch (LedgerException e) {
      if (e.status() == 404) {
        LOG.warn("the ledger does not know this node any more; registering again");
        onUnknownNode.run();
      } else {
        LOG.warn("heartbeat refused: " + e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("heartbeat failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      scheduler.schedule(this::beatAndReschedule, interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // shut down while this beat was in flight
    }
  }

  private HeartbeatAck send(boolean draining) throws IOException, InterruptedException {
    return ledger.heartbeat(
        new Heartbeat(sequence.next(), usedBytes.getAsLong(), runningTasks.getAsInt(), draining));
  }
}
