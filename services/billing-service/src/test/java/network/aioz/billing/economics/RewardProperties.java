package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.aioz.shared.amount.TokenAmount;

class RewardProperties {

  private static final long EPOCH_SECONDS = 3600;

  @Property
  void payoutsAndUnallocatedAddUpToThePool(
      @ForAll("pools") TokenAmount pool,
      @ForAll("policies") RewardPolicy policy,
      @ForAll("edges") List<EdgeEpochWork> edges) {
    EpochRewards rewards = policy.rewards(5, EPOCH_SECONDS, pool, edges);

    BigInteger paid = BigInteger.ZERO;
    for (EdgeStatement statement : rewards.statements()) {
      paid = paid.add(statement.payout().baseUnits());
    }
    assertThat(paid.add(rewards.unallocated().baseUnits())).isEqualTo(pool.baseUnits());
    boolean anyScore = rewards.statements().stream().anyMatch(s -> !s.qualityScore().isZero());
    assertThat(rewards.unallocated().isZero()).isEqualTo(anyScore || pool.isZero());
    // a higher score never gets less
    for (EdgeStatement x : rewards.statements()) {
      for (EdgeStatement y : rewards.statements()) {
        if (x.qualityScore().compareTo(y.qualityScore()) > 0) {
          assertThat(x.payout()).isGreaterThanOrEqualTo(y.payout());
        }
      }
    }
  }

  @Provide
  Arbitrary<TokenAmount> pools() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, SplitProperties.MAX)
        .map(TokenAmount::ofBaseUnits);
  }

  @Provide
  Arbitrary<RewardPolicy> policies() {
    Arbitrary<List<Integer>> resourceBps =
        Arbitraries.integers()
            .between(0, 10_000)
            .list()
            .ofSize(4)
            .map(cuts -> cuts.stream().sorted().toList())
            .map(
                c ->
                    List.of(
                        c.get(0),
                        c.get(1) - c.get(0),
                        c.get(2) - c.get(1),
                        c.get(3) - c.get(2),
                        10_000 - c.get(3)));
    return Combinators.combine(resourceBps, Arbitraries.integers().between(0, 10_000))
        .as(
            (w, rc) ->
                new RewardPolicy(
                    new ResourceWeights(w.get(0), w.get(1), w.get(2), w.get(3), w.get(4)),
                    rc,
                    10_000 - rc,
                    ReputationTable.DEFAULT));
  }

  @Provide
  Arbitrary<List<EdgeEpochWork>> edges() {
    Arbitrary<Long> amount =
        Arbitraries.oneOf(
            Arbitraries.just(0L), Arbitraries.longs().between(0, Long.MAX_VALUE / 64));
    Arbitrary<WorkProved> work =
        Combinators.combine(
                amount, amount, amount, amount, Arbitraries.longs().between(0, EPOCH_SECONDS))
            .as(WorkProved::new);
    Arbitrary<long[]> tasks =
        Arbitraries.longs()
            .between(0, 1_000)
            .flatMap(
                assigned ->
                    Arbitraries.longs()
                        .between(0, assigned)
                        .map(done -> new long[] {assigned, done}));
    Arbitrary<EdgeEpochWork> edge =
        Combinators.combine(work, tasks, Arbitraries.integers().between(0, 8))
            .as((w, t, f) -> new EdgeEpochWork(address(0), w, t[0], t[1], f));
    return edge.list()
        .ofMinSize(0)
        .ofMaxSize(12)
        .map(
            list -> {
              // distinct addresses, one per position
              List<EdgeEpochWork> distinct = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                EdgeEpochWork e = list.get(i);
                distinct.add(
                    new EdgeEpochWork(
                        address(i + 1),
                        e.work(),
                        e.tasksAssigned(),
                        e.tasksCompleted(),
                        e.faults()));
              }
              return distinct;
            });
  }

  private static String address(int n) {
    byte[] bytes = new byte[20];
    bytes[19] = (byte) n;
    bytes[0] = (byte) (n * 37);
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
