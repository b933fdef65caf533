package network.aioz.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import network.aioz.gateway.ratelimit.RateLimitProperties.Policy;
import network.aioz.gateway.ratelimit.TokenBuckets.Bucket;
import network.aioz.gateway.ratelimit.TokenBuckets.BucketState;
import network.aioz.gateway.ratelimit.TokenBuckets.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens this replica took from the shared buckets ahead of need and spends without a database
 * trip. A lease is what the bucket refills in {@value #LEASE_MILLIS} ms (at most a twentieth of its
 * capacity, at least one token), so a busy tenant costs one statement per lease instead of one per
 * request, while a slow one (fewer than 20 requests a second) still takes its tokens one at a time.
 * Tokens are taken from the shared bucket before they are spent, so replicas together never admit
 * more than the bucket holds; a lease not spent within {@value #LEASE_LIFETIME_MILLIS} ms is
 * dropped (never returned), which can only admit less.
 *
 * <p>With a refill executor, a busy bucket (leases of at least {@value #PREFETCH_MIN_LEASE} tokens)
 * takes its next lease in the background once half of the current one is spent, so a steady stream
 * of requests never waits for the database; a request waits only when its replica's tokens are all
 * gone. Refilling early takes tokens from the shared bucket sooner, never more of them, so it too
 * can only admit less.
 */
class Leases {

  static final long LEASE_MILLIS = 50;
  static final long LEASE_LIFETIME_MILLIS = 1000;
  static final int PREFETCH_MIN_LEASE = 4;

  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final ConcurrentHashMap<String, Reserve> reserves = new ConcurrentHashMap<>();
  private final TokenBuckets buckets;
  private final LongSupplier nanoTime;
  private final Executor refills;

  /** Leases taken only when a request finds none (no background refill). */
  Leases(TokenBuckets buckets, LongSupplier nanoTime) {
    this(buckets, nanoTime, null);
  }

  /** Leases that busy buckets refill on {@code refills} before they run out. */
  Leases(TokenBuckets buckets, LongSupplier nanoTime, Executor refills) {
    this.buckets = buckets;
    this.nanoTime = nanoTime;
    this.refills = refills;
  }

  /** The lease size of a policy. */
  static int leaseSize(Policy policy) {
    double perLease = Math.ceil(policy.refillPerSecond() * LEASE_MILLIS / 1000.0);
    return (int) Math.max(1, Math.min(policy.capacity() / 20.0, perLease));
  }

  /**
   * Spends one leased token of every bucket, or none: empty when some bucket has no live lease
   * (then {@link #take} must ask the database).
   */
  Optional<List<BucketState>> spendLocally(List<Bucket> wanted) {
    long now = nanoTime.getAsLong();
    List<Reserve> taken = new ArrayList<>(wanted.size());
    List<BucketState> states = new ArrayList<>(wanted.size());
    for (Bucket bucket : wanted) {
      Reserve reserve = reserves.get(bucket.key());
      if (reserve == null || !reserve.spend(now)) {
        taken.forEach(Reserve::giveBack);
        return Optional.empty();
      }
      taken.add(reserve);
      states.add(new BucketState(bucket, true, reserve.visibleTokens()));
    }
    for (int i = 0; i < taken.size(); i++) {
      refillAhead(wanted.get(i), taken.get(i));
    }
    return Optional.of(states);
  }

  /** Starts one background lease for a busy bucket whose reserve is half spent. */
  private void refillAhead(Bucket bucket, Reserve reserve) {
    int lease = leaseSize(bucket.policy());
    if (refills == null || lease < PREFETCH_MIN_LEASE || !reserve.startRefill(lease / 2)) {
      return;
    }
    try {
      refills.execute(
          () -> {
            try {
              Grant grant = buckets.take(List.of(bucket), List.of(lease)).getFirst();
              long until = nanoTime.getAsLong() + LEASE_LIFETIME_MILLIS * 1_000_000;
              reserve.refilled(grant.granted(), grant.tokensLeft(), until);
            } catch (RuntimeException e) {
              reserve.refilled(0, 0, 0);
              log.debug("background lease of {} failed: {}", bucket.key(), e.toString());
            }
          });
    } catch (RuntimeException rejected) {
      reserve.refilled(0, 0, 0);
    }
  }

  /** Spends a token of every bucket, leasing from the database for those without one. Blocking. */
  List<BucketState> take(List<Bucket> wanted) {
    long now = nanoTime.getAsLong();
    BucketState[] states = new BucketState[wanted.size()];
    List<Bucket> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    List<Integer> wants = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Bucket bucket = wanted.get(i);
      Reserve reserve = reserves.get(bucket.key());
      if (reserve != null && reserve.spend(now)) {
        states[i] = new BucketState(bucket, true, reserve.visibleTokens());
      } else {
        missing.add(bucket);
        missingAt.add(i);
        wants.add(leaseSize(bucket.policy()));
      }
    }
    if (!missing.isEmpty()) {
      List<Grant> grants = buckets.take(missing, wants);
      for (int j = 0; j < grants.size(); j++) {
        Grant grant = grants.get(j);
        Bucket bucket = grant.bucket();
        if (grant.granted() < 1) {
          states[missingAt.get(j)] = new BucketState(bucket, false, grant.tokensLeft());
          continue;
        }
        Reserve reserve = reserves.computeIfAbsent(bucket.key(), k -> new Reserve());
        reserve.add(
            grant.granted() - 1, grant.tokensLeft(), now + LEASE_LIFETIME_MILLIS * 1_000_000);
        states[missingAt.get(j)] = new BucketState(bucket, true, reserve.visibleTokens());
      }
    }
    if (reserves.size() > 100_000) {
      reserves.values().removeIf(r -> r.expired(now));
    }
    return List.of(states);
  }

  /** Leased tokens of one bucket on this replica. */
  static final class Reserve {
    private int tokens;
    private long expiresAt;
    private double sharedLeft;
    private boolean refilling;

    synchronized boolean spend(long now) {
      if (tokens < 1 || now - expiresAt > 0) {
        return false;
      }
      tokens--;
      return true;
    }

    /**
     * True (and from then on refilling) when no refill runs and at most {@code lowWater} are left.
     */
    synchronized boolean startRefill(int lowWater) {
      if (refilling || tokens > lowWater) {
        return false;
      }
      refilling = true;
      return true;
    }

    /** A background lease arrived ({@code leased} may be 0: the bucket was empty or it failed). */
    synchronized void refilled(int leased, double leftInBucket, long until) {
      refilling = false;
      if (leased > 0) {
        add(leased, leftInBucket, until);
      }
    }

    synchronized void giveBack() {
      tokens++;
    }

    synchronized void add(int leased, double leftInBucket, long until) {
      tokens += leased;
      sharedLeft = leftInBucket;
      expiresAt = until;
    }

    synchronized boolean expired(long now) {
      return now - expiresAt > 0;
    }

    /** What the client may still spend as far as this replica knows. */
    synchronized double visibleTokens() {
      return sharedLeft + tokens;
    }
  }
}
