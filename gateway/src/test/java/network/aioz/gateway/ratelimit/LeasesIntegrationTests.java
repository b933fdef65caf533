package network.aioz.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import network.aioz.gateway.ratelimit.RateLimitProperties.Policy;
import network.aioz.gateway.ratelimit.TokenBuckets.Bucket;
import network.aioz.infra.SharedInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Leases against the real buckets in PostgreSQL, with two replicas drawing from one bucket. */
class LeasesIntegrationTests {

  private static JdbcTemplate jdbc;

  @BeforeAll
  static void database() {
    DriverManagerDataSource source =
        new DriverManagerDataSource(
            SharedInfra.database("gateway_leases"),
            SharedInfra.postgres().username(),
            SharedInfra.postgres().password());
    Flyway.configure().dataSource(source).locations("classpath:db/gateway").load().migrate();
    jdbc = new JdbcTemplate(source);
  }

  @Test
  void leaseSizesFollowTheRefillRateWithinATwentiethOfTheCapacity() {
    assertThat(Leases.leaseSize(new Policy(1200, 200))).isEqualTo(10);
    assertThat(Leases.leaseSize(new Policy(5000, 5000))).isEqualTo(250);
    assertThat(Leases.leaseSize(new Policy(120, 10))).isEqualTo(1);
    assertThat(Leases.leaseSize(new Policy(10, 1))).isEqualTo(1);
    assertThat(Leases.leaseSize(new Policy(40, 10_000))).isEqualTo(2);
  }

  @Test
  void aLeaseIsSpentLocallyThenTheDatabaseIsAskedAgain() {
    Leases leases = new Leases(new TokenBuckets(jdbc), System::nanoTime);
    Bucket bucket = new Bucket("key", "k:" + UUID.randomUUID(), new Policy(1000, 100));
    List<Bucket> wanted = List.of(bucket);

    assertThat(leases.spendLocally(wanted)).isEmpty();
    assertThat(leases.take(wanted).getFirst().allowed()).isTrue(); // leases 5, spends 1
    for (int i = 0; i < 4; i++) {
      assertThat(leases.spendLocally(wanted)).isPresent();
    }
    assertThat(leases.spendLocally(wanted)).isEmpty();
    assertThat(tokensLeft(bucket)).isBetween(995.0, 996.0);
  }

  private static double tokensLeft(Bucket bucket) {
    return jdbc.queryForObject(
        "select tokens from gateway_rate_bucket where bucket_key = ?", Double.class, bucket.key());
  }

  @Test
  void aBusyBucketRefillsInTheBackgroundBeforeItRunsOut() {
    List<Runnable> pending = new ArrayList<>();
    Leases leases = new Leases(new TokenBuckets(jdbc), System::nanoTime, pending::add);
    Bucket bucket = new Bucket("key", "k:" + UUID.randomUUID(), new Policy(1000, 100));
    List<Bucket> wanted = List.of(bucket);
    long started = System.nanoTime();

    assertThat(leases.take(wanted).getFirst().allowed()).isTrue(); // leases 5, spends 1: 4 left
    assertThat(leases.spendLocally(wanted)).isPresent(); // 3 left
    assertThat(pending).isEmpty();
    assertThat(leases.spendLocally(wanted)).isPresent(); // 2 left: half the lease is spent
    assertThat(leases.spendLocally(wanted)).isPresent(); // 1 left, one refill already running
    assertThat(pending).hasSize(1);
    pending.removeFirst().run(); // 1 + 5
    for (int i = 0; i < 6; i++) {
      assertThat(leases.spendLocally(wanted)).as("spend %d", i).isPresent();
      pending.forEach(Runnable::run);
      pending.clear();
    }
    double refilled = (System.nanoTime() - started) / 1e9 * 100;
    assertThat(tokensLeft(bucket))
        .as("three leases of 5 taken from the shared bucket")
        .isBetween(985.0 - 0.01, 985.0 + refilled);

    Bucket slow = new Bucket("key", "k:" + UUID.randomUUID(), new Policy(120, 10));
    assertThat(leases.take(List.of(slow)).getFirst().allowed()).isTrue();
    assertThat(leases.spendLocally(List.of(slow))).isEmpty();
    assertThat(pending).as("leases of one token are never taken ahead").isEmpty();
  }

  @Test
  void twoReplicasTogetherNeverAdmitMoreThanTheBucketHolds() {
    TokenBuckets shared = new TokenBuckets(jdbc);
    Executor now = Runnable::run;
    assertNeverOverAdmits(
        List.of(new Leases(shared, System::nanoTime), new Leases(shared, System::nanoTime)));
    assertNeverOverAdmits(
        List.of(
            new Leases(shared, System::nanoTime, now), new Leases(shared, System::nanoTime, now)));
  }

  private static void assertNeverOverAdmits(List<Leases> replicas) {
    Policy policy = new Policy(300, 100); // leases of 5
    List<Bucket> wanted = List.of(new Bucket("tenant", "t:" + UUID.randomUUID(), policy));
    long started = System.nanoTime();
    int admitted = 0;
    for (int i = 0; i < 800; i++) {
      Leases replica = replicas.get(i % 2);
      boolean allowed =
          replica.spendLocally(wanted).isPresent() || replica.take(wanted).getFirst().allowed();
      admitted += allowed ? 1 : 0;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long refilled = (long) Math.ceil(seconds * policy.refillPerSecond());
    assertThat(admitted)
        .as("admitted in %.2f s", seconds)
        .isLessThanOrEqualTo((int) (policy.capacity() + refilled))
        .isGreaterThanOrEqualTo((int) policy.capacity() - 2 * Leases.leaseSize(policy));
  }

  @Test
  void anEmptyBucketRefusesAndSaysWhenToComeBack() {
    Leases leases = new Leases(new TokenBuckets(jdbc), System::nanoTime);
    List<Bucket> wanted =
        List.of(new Bucket("anonymous", "ip:" + UUID.randomUUID(), new Policy(2, 0.5)));
    assertThat(leases.take(wanted).getFirst().allowed()).isTrue();
    assertThat(leases.take(wanted).getFirst().allowed()).isTrue();
    TokenBuckets.BucketState refused = leases.take(wanted).getFirst();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 2L);
  }
}
