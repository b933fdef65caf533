package network.aioz.ledger.assignment;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An indexed node: static fields decide which index lists it is in; the dynamic ones change with
 * every decision and heartbeat and are atomics so decisions need no exclusive lock.
 */
final class Node {

  final String id;
  final String region;
  final String faultDomain;
  final NodeCapabilities capabilities;
  final Eligibility eligibility;

  private final AtomicLong freeBytes;
  private final AtomicInteger runningTasks;
  private volatile int maxConcurrentTasks;
  private volatile double reputation;

  Node(NodeSnapshot snapshot) {
    this.id = snapshot.nodeId();
    this.region = snapshot.region();
    this.faultDomain = snapshot.faultDomain();
    this.capabilities = snapshot.capabilities();
    this.eligibility = snapshot.eligibility();
    this.freeBytes = new AtomicLong(snapshot.freeBytes());
    this.runningTasks = new AtomicInteger(snapshot.runningTasks());
    this.maxConcurrentTasks = snapshot.maxConcurrentTasks();
    this.reputation = snapshot.reputation();
  }

  boolean hasSameIndexKeys(NodeSnapshot snapshot) {
    return region.equals(snapshot.region())
        && faultDomain.equals(snapshot.faultDomain())
        && eligibility == snapshot.eligibility()
        && capabilities.equals(snapshot.capabilities());
  }

  /** The registry is the source of truth: its counts replace our local reservations. */
  void refresh(NodeSnapshot snapshot) {
    maxConcurrentTasks = snapshot.maxConcurrentTasks();
    reputation = snapshot.reputation();
    freeBytes.set(snapshot.freeBytes());
    runningTasks.set(snapshot.runningTasks());
  }

  boolean canTake(Requirement requirement, double minReputation) {
    double rep = reputation;
    return rep >= minReputation
        && rep > 0.0
        && runningTasks.get() < maxConcurrentTasks
        && freeBytes.get() >= requirement.minFreeBytes()
        && requirement.isMetBy(capabilities);
  }

  /** Lower is better: one more task's share of the slots, penalised by low reputation. */
  double load() {
    return (runningTasks.get() + 1.0) / (maxConcurrentTasks * reputation);
  }

  boolean tryReserve(long bytes) {
    int running;
    do {
      running = runningTasks.get();
      if (running >= maxConcurrentTasks) {
        return false;
      }
    } while (!runningTasks.compareAndSet(running, running + 1));
    long free;
    do {
      free = freeBytes.get();
      if (free < bytes) {
        runningTasks.decrementAndGet();
        return false;
      }
    } while (!freeBytes.compareAndSet(free, free - bytes));
    return true;
  }

  void release(long bytes) {
    releaseSlot();
    releaseBytes(bytes);
  }

  void releaseSlot() {
    runningTasks.updateAndGet(running -> Math.max(0, running - 1));
  }

  void releaseBytes(long bytes) {
    long total = capabilities.storageBytes();
    freeBytes.updateAndGet(free -> total > 0 ? Math.min(total, free + bytes) : free + bytes);
  }

  NodeSnapshot snapshot() {
    return new NodeSnapshot(
        id,
        region,
        faultDomain,
        capabilities,
        freeBytes.get(),
        runningTasks.get(),
        maxConcurrentTasks,
        reputation,
        eligibility);
  }
}
