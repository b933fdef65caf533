package network.aioz.webhook.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import network.aioz.webhook.endpoint.Endpoints;
import network.aioz.webhook.support.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries: one loop claims batches from the queue, each claimed delivery is signed and
 * sent on its own virtual thread (at most {@code concurrency} at once), and its outcome is recorded
 * in one transaction with what it means for the endpoint.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final int RECORD_BATCH = 500;

  private final DeliveryQueue queue;
  private final Sender sender;
  private final RetryPolicy retries;
  private final Endpoints endpoints;
  private final TransactionTemplate tx;
  private final WebhookProperties properties;
  private final Clock clock;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final BlockingQueue<DeliveryQueue.Finished> successes = new LinkedBlockingQueue<>();
  private ExecutorService senders;
  private Thread loop;
  private Thread recorder;
  private volatile boolean running;

  DeliveryWorker(
      DeliveryQueue queue,
      Sender sender,
      RetryPolicy retries,
      Endpoints endpoints,
      TransactionTemplate tx,
      WebhookProperties properties,
      Clock clock) {
    this.queue = queue;
    this.sender = sender;
    this.retries = retries;
    this.endpoints = endpoints;
    this.tx = tx;
    this.properties = properties;
    this.clock = clock;
    this.slots = new Semaphore(properties.delivery().concurrency());
  }

  /** Looks for due deliveries now rather than at the next poll. */
  void wakeUp() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    senders =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
    loop = Thread.ofPlatform().name("webhook-claims").daemon().start(this::run);
    recorder = Thread.ofPlatform().name("webhook-recorder").daemon().start(this::recordSuccesses);
  }

  @Override
  public synchronized void stop() {
    running = false;
    wake.release();
    try {
      if (loop != null) {
        loop.join(5_000);
      }
      senders.shutdown();
      senders.awaitTermination(
          properties.delivery().timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
      recorder.interrupt();
      recorder.join(5_000);
      flush(); // what the recorder had not taken yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    WebhookProperties.Delivery settings = properties.delivery();
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        int want = Math.min(settings.batchSize(), slots.availablePermits());
        int claimed = 0;
        if (want > 0) {
          Instant now = clock.instant();
          List<Claimed> batch = queue.claim(want, now, now.plus(settings.lease()));
          claimed = batch.size();
          for (Claimed delivery : batch) {
            slots.acquireUninterruptibly();
            senders.execute(() -> deliverAndRelease(delivery));
          }
        }
        backoff = Duration.ofMillis(100);
        if (claimed == 0 || claimed < want) {
          wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("cannot claim deliveries, will retry: {}", e.getMessage());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : backoff.multipliedBy(2);
      }
    }
  }

  private void deliverAndRelease(Claimed delivery) {
    try {
      deliver(delivery);
    } catch (RuntimeException e) {
      // the lease brings the delivery back; nothing is lost
      log.warn(
          "delivery {} not recorded, it will be retried: {}", delivery.deliveryId(), e.toString());
    } finally {
      slots.release();
      // a full pool of slots made the loop wait: tell it there is room again
      if (slots.availablePermits() == properties.delivery().concurrency() / 2) {
        wakeUp();
      }
    }
  }

  void deliver(Claimed delivery) {
    Instant attemptedAt = clock.instant();
    byte[] body = delivery.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long timestamp = attemptedAt.getEpochSecond();
    String signature =
        Signer.header(delivery.signingSecrets(attemptedAt), delivery.messageId(), timestamp, body);
    Outcome outcome =
        sender.send(
            new Sender.Attempt(
                URI.create(delivery.url()), delivery.messageId(), timestamp, signature, body));
    Instant now = clock.instant();
    RetryPolicy.Decision decision = retries.decide(delivery.attemptsMade() + 1, outcome, now);
    if (outcome.error() != null) {
      log.info(
          "delivery {} of {} to {} failed: {}",
          delivery.deliveryId(),
          delivery.messageId(),
          delivery.endpointId(),
          outcome.error());
    }
    if (outcome.succeeded()) {
      // the hot path: recorded in batches, one commit for many deliveries
      successes.add(new DeliveryQueue.Finished(delivery, decision, outcome, attemptedAt, now));
      return;
    }
    tx.executeWithoutResult(
        status -> {
          if (!queue.finish(delivery, decision, outcome, attemptedAt, now)) {
            return;
          }
          if (decision.disableEndpoint()) {
            endpoints.disable(delivery.endpointId(), "gone");
          } else if (outcome.succeeded()) {
            queue.markHealthy(delivery.endpointId());
          } else {
            Instant failingSince = queue.markFailing(delivery.endpointId(), now);
            if (!failingSince.isAfter(now.minus(properties.disableAfter()))) {
              endpoints.disable(delivery.endpointId(), "failing");
            }
          }
        });
  }

  /**
   * Records successful attempts in batches. If the process dies first, their leases run out and
   * they are sent again: at least once, as the spec expects receivers to handle (by webhook-id).
   */
  private void recordSuccesses() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        DeliveryQueue.Finished first = successes.take();
        List<DeliveryQueue.Finished> batch = new ArrayList<>(RECORD_BATCH);
        batch.add(first);
        successes.drainTo(batch, RECORD_BATCH - 1);
        record(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void flush() {
    List<DeliveryQueue.Finished> batch = new ArrayList<>();
    successes.drainTo(batch);
    if (!batch.isEmpty()) {
      record(batch);
    }
  }

  private void record(List<DeliveryQueue.Finished> batch) {
    try {
      tx.executeWithoutResult(status -> queue.finishSucceeded(batch));
    } catch (RuntimeException e) {
      log.warn(
          "{} successful deliveries not recorded, they will be sent again: {}",
          batch.size(),
          e.toString());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
