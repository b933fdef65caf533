package network.aioz.edge.task;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.aioz.edge.ledger.LedgerClient;
import network.aioz.edge.ledger.LedgerException;
import network.aioz.edge.ledger.Task;
import network.aioz.edge.ledger.TaskList;
import network.aioz.edge.store.PieceStore;
import network.aioz.edge.store.WriteGate;
import network.aioz.edge.support.Log;

/**
 * Polls the node's open tasks and works them: a STORE task is started, then submitted once its
 * piece is in the store, or failed when the piece does not come in time. Other kinds are not done
 * by this agent yet and are failed at once, so the ledger can give them to a node that does them.
 *
 * <p>It is also the {@link WriteGate}: the list of open STORE tasks is what a PUT may write.
 */
public final class TaskLoop implements WriteGate, AutoCloseable {

  static final String UNSUPPORTED = "unsupported task kind";

  /** An idle node's poll interval grows up to this many times the configured one. */
  static final int IDLE_BACKOFF = 8;

  private static final Log LOG = Log.of(TaskLoop.class);

  private final LedgerClient ledger;
  private final PieceStore store;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration storeTimeout;
  private final BooleanSupplier registered;
  private final Semaphore wake = new Semaphore(0);
  private final Object refreshLock = new Object();

  private volatile Map<String, Long> admissibleDigests = Map.of();
  private volatile List<Task> openTasks = List.of();
  private volatile List<TaskList.Release> releases = List.of();
  private volatile int runningTasks;
  private volatile boolean running = true;
  private long lastRefreshStartedNanos = Long.MIN_VALUE;
  private Thread thread;

  // owned by the loop thread
  private final Map<String, Instant> runningSince = new HashMap<>();
  private final Set<String> finished = new HashSet<>();
  private String lastProblem;

  public TaskLoop(
      LedgerClient ledger,
      PieceStore store,
      Clock clock,
      Duration pollInterval,
      Duration storeTimeout,
      BooleanSupplier registered) {
    this.ledger = ledger;
    this.store = store;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.storeTimeout = storeTimeout;
    this.registered = registered;
  }

  public void start() {
    thread = Thread.ofVirtual().name("tasks").start(this::run);
  }

  public int runningTasks() {
    return runningTasks;
  }

  @Override
  public WriteDecision check(String digest) {
    if (!registered.getAsBoolean()) {
      return new WriteDecision.Refused(
          503, "Service Unavailable", "the node is not registered with the ledger yet");
    }
    Long size = admissibleDigests.get(digest);
    if (size == null) {
      // the task may have been assigned a moment ago: ask the ledger once before refusing
      try {
        refresh(System.nanoTime());
      } catch (IOException | RuntimeException e) {
        return new WriteDecision.Refused(
            503, "Service Unavailable", "cannot confirm the assignment with the ledger: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new WriteDecision.Refused(503, "Service Unavailable", "interrupted");
      }
      size = admissibleDigests.get(digest);
    }
    if (size == null) {
      return new WriteDecision.Refused(
          403, "Forbidden", "no STORE task of this node is for piece " + digest);
    }
    return new WriteDecision.Allowed(size);
  }

  @Override
  public void stored(String digest) {
    wake.release();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long waitMillis = pollInterval.toMillis();
    while (running) {
      try {
        refresh(System.nanoTime());
        work(openTasks);
        dropReleased(releases);
        lastProblem = null;
        // an idle node polls less and less often (a piece arriving wakes it at once)
        boolean idle = openTasks.isEmpty() && releases.isEmpty();
        waitMillis =
            idle
                ? Math.min(waitMillis * 2, pollInterval.toMillis() * IDLE_BACKOFF)
                : pollInterval.toMillis();
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        String problem = e.toString();
        if (!problem.equals(lastProblem)) {
          LOG.warn("task poll failed: " + problem);
          lastProblem = problem;
        }
      }
      try {
        wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Fetches the open tasks unless a fetch started after {@code notBeforeNanos} already did. */
  private void refresh(long notBeforeNanos) throws IOException, InterruptedException {
    synchronized (refreshLock) {
      if (lastRefreshStartedNanos != Long.MIN_VALUE
          && lastRefreshStartedNanos - notBeforeNanos >= 0) {
        return;
      }
      lastRefreshStartedNanos = System.nanoTime();
      TaskList work = ledger.work();
      List<Task> tasks = work.tasksOrEmpty();
      Map<String, Long> digests = new HashMap<>();
      for (Task task : tasks) {
        if (task.isStore()
            && (task.isAssigned() || task.isRunning())
            && PieceStore.isDigest(task.contentDigest())) {
          long size =
              task.sizeBytes() == null || task.sizeBytes() <= 0 ? Long.MAX_VALUE : task.sizeBytes();
          digests.merge(task.contentDigest(), size, Math::max);
        }
      }
      admissibleDigests = Map.copyOf(digests);
      openTasks = List.copyOf(tasks);
      releases = List.copyOf(work.releasesOrEmpty());
    }
  }

  /**
   * Drops released pieces (unless an open task still wants the same bytes) and acknowledges each,
   * so the ledger stops listing it.
   */
  private void dropReleased(List<TaskList.Release> pending)
      throws IOException, InterruptedException {
    for (TaskList.Release release : pending) {
      String digest = release.contentDigest();
      if (digest != null
          && !release.keepPiece()
          && !admissibleDigests.containsKey(digest)
          && store.delete(digest)) {
        LOG.info("dropped released piece " + digest);
      }
      try {
        ledger.acknowledgeRelease(release.taskId());
      } catch (LedgerException e) {
        // acknowledged meanwhile (or no longer ours): the next list will not show it again
        LOG.warn("release of task " + release.taskId() + " not acknowledged: " + e.getMessage());
      }
    }
  }

  private void work(List<Task> tasks) throws IOException, InterruptedException {
    Set<String> listed = new HashSet<>();
    int stillRunning = 0;
    for (Task task : tasks) {
      listed.add(task.id());
      if (finished.contains(task.id())) {
        continue;
      }
      if (!task.isStore()) {
        fail(task, UNSUPPORTED);
        continue;
      }
      if (!PieceStore.isDigest(task.contentDigest())) {
        fail(task, "the task has no valid SHA-256 content digest");
        continue;
      }
      if (task.isAssigned() && !startTask(task)) {
        continue;
      }
      if (workStore(task)) {
        stillRunning++;
      }
    }
    runningSince.keySet().retainAll(listed);
    finished.retainAll(listed);
    runningTasks = stillRunning;
  }

  private boolean startTask(Task task) throws IOException, InterruptedException {
    try {
      ledger.start(task.id());
      LOG.info("started STORE task " + task.id() + " for piece " + task.contentDigest());
      return true;
    } catch (LedgerException e) {
      if (e.status() == 409) {
        // someone moved it on already; the next poll shows where it is
        return false;
      }
      throw e;
    }
  }

  /** Returns whether the task is still running after this step. */
  private boolean workStore(Task task) throws IOException, InterruptedException {
    Instant since = runningSince.computeIfAbsent(task.id(), id -> clock.instant());
    if (store.contains(task.contentDigest())) {
      String actual = store.sha256ForReport(task.contentDigest());
      if (!actual.equals(task.contentDigest())) {
        fail(task, "the stored piece is damaged (hashes to " + actual + ")");
        return false;
      }
      long units = store.find(task.contentDigest()).orElseThrow().sizeBytes();
      try {
        ledger.submit(task.id(), actual, units);
        LOG.info("submitted STORE task " + task.id() + " (" + units + " bytes)");
      } catch (LedgerException e) {
        if (e.status() != 409) {
          throw e;
        }
      }
      finished.add(task.id());
      return false;
    }
    if (Duration.between(since, clock.instant()).compareTo(storeTimeout) > 0) {
      fail(task, "the piece did not arrive within " + storeTimeout);
      return false;
    }
    return true;
  }

  private void fail(Task task, String reason) throws IOException, InterruptedException {
    try {
      ledger.fail(task.id(), reason);
      LOG.info("failed " + task.kind() + " task " + task.id() + ": " + reason);
    } catch (LedgerException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
    finished.add(task.id());
  }
}
