package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import network.aioz.shared.amount.TokenAmount;
import org.junit.jupiter.api.Test;

class RewardPolicyTests {

  static final String A = "0x1111111111111111111111111111111111111111";
  static final String B = "0x2222222222222222222222222222222222222222";
  static final String C = "0x3333333333333333333333333333333333333333";
  private static final long EPOCH_SECONDS = 1000;
  private static final TokenAmount POOL = TokenAmount.ofWhole(1000);

  /**
   * Defaults: w = storage .30, bandwidth .30, transcode .15, inference .15, uptime .10; wRC .7,
   * wTCR .3; tiers ≥99.9 % 1.2, ≥99.5 % 1.1, ≥98 % 1.0, else 0.5; fault factor 1 − 0.05·f(f+1)/2.
   *
   * <pre>
   *        storage bandwidth transcode inference uptime  tasks  faults
   *   A      600      100        0         0      1000   10/10    0
   *   B      400      300       50         0       995    4/5     1
   *   C        0        0       50         0         5    0/0     2
   *   Σ     1000      400      100         0      2000
   *
   * RC_A = .3·600/1000 + .3·100/400 + .1·1000/2000           = .18 + .075 + .05        = .305
   * RC_B = .3·400/1000 + .3·300/400 + .15·50/100 + .1·995/2000 = .12+.225+.075+.04975 = .46975
   * RC_C = .15·50/100 + .1·5/2000                             = .075 + .00025          = .07525
   *   (inference: nobody contributed, counts 0 for everyone)
   * TCR  = 1, .8, 0 (C was assigned nothing)
   * RR_A = 1.2 (100 %) × 1           = 1.2
   * RR_B = 1.1 (99.5 %) × (1 − .05)   = 1.045
   * RR_C = 0.5 (0.5 %) × (1 − .05·3)  = .425
   * score_A = (.7·.305 + .3·1)·1.2       = .5135·1.2    = .6162
   * score_B = (.7·.46975 + .3·.8)·1.045  = .568825·1.045 = .594422125
   * score_C = (.7·.07525)·.425           = .052675·.425 = .022386875
   * Σ = 1.233009; pool 10^21 units:
   *   A 10^21·.6162/1.233009       = 499,753,043,165,135,047,676.05…
   *   B 10^21·.594422125/1.233009  = 482,090,661,949,750,569,541.67…
   *   C 10^21·.022386875/1.233009  =  18,156,294,885,114,382,782.28…
   *   floors sum to 10^21 − 1; the unit left goes to the largest remainder, B.
   * </pre>
   */
  @Test
  void threeEdgesArePaidByScoreToTheLastBaseUnit() {
    EpochRewards rewards =
        RewardPolicy.DEFAULT.rewards(
            42,
            EPOCH_SECONDS,
            POOL,
            List.of(
                new EdgeEpochWork(C, new WorkProved(0, 0, 50, 0, 5), 0, 0, 2),
                new EdgeEpochWork(A, new WorkProved(600, 100, 0, 0, 1000), 10, 10, 0),
                new EdgeEpochWork(B, new WorkProved(400, 300, 50, 0, 995), 5, 4, 1)));

    assertThat(rewards.statements()).extracting(EdgeStatement::address).containsExactly(A, B, C);
    EdgeStatement a = rewards.statements().get(0);
    EdgeStatement b = rewards.statements().get(1);
    EdgeStatement c = rewards.statements().get(2);
    assertThat(a.contribution()).isEqualTo(Ratio.of(305, 1000));
    assertThat(b.contribution()).isEqualTo(Ratio.of(46975, 100000));
    assertThat(c.contribution()).isEqualTo(Ratio.of(7525, 100000));
    assertThat(List.of(a.taskCompletion(), b.taskCompletion(), c.taskCompletion()))
        .containsExactly(Ratio.ONE, Ratio.of(4, 5), Ratio.ZERO);
    assertThat(List.of(a.reputation(), b.reputation(), c.reputation()))
        .containsExactly(Ratio.of(12, 10), Ratio.of(1045, 1000), Ratio.of(425, 1000));
    assertThat(a.qualityScore()).isEqualTo(Ratio.of(6162, 10000));
    assertThat(b.qualityScore()).isEqualTo(Ratio.of(594422125, 1000000000));
    assertThat(c.qualityScore()).isEqualTo(Ratio.of(22386875, 1000000000));
    assertThat(a.qualityScoreDisplay()).isEqualTo("0.616200000000000000");
    assertThat(b.qualityScoreDisplay()).isEqualTo("0.594422125000000000");
    assertThat(a.payout().baseUnits()).isEqualTo(new BigInteger("499753043165135047676"));
    assertThat(b.payout().baseUnits()).isEqualTo(new BigInteger("482090661949750569542"));
    assertThat(c.payout().baseUnits()).isEqualTo(new BigInteger("18156294885114382782"));
    assertThat(rewards.unallocated()).isEqualTo(TokenAmount.ZERO);
    assertThat(b.work().faults()).isEqualTo(1);
  }

  @Test
  void theOrderEdgesAreGivenInDoesNotChangeThePayouts() {
    var a = new EdgeEpochWork(A, new WorkProved(1, 0, 0, 0, 0), 0, 0, 0);
    var b = new EdgeEpochWork(B, new WorkProved(1, 0, 0, 0, 0), 0, 0, 0);
    var c = new EdgeEpochWork(C, new WorkProved(1, 0, 0, 0, 0), 0, 0, 0);
    TokenAmount pool = TokenAmount.ofBaseUnits(2);

    EpochRewards forward = RewardPolicy.DEFAULT.rewards(1, 10, pool, List.of(a, b, c));
    EpochRewards backward = RewardPolicy.DEFAULT.rewards(1, 10, pool, List.of(c, b, a));

    // equal scores, 2 units for 3 edges: ties go to the lower addresses
    assertThat(forward).isEqualTo(backward);
    assertThat(forward.payouts().values())
        .containsExactly(TokenAmount.ofBaseUnits(1), TokenAmount.ofBaseUnits(1), TokenAmount.ZERO);
  }

  @Test
  void whenNobodyScoresThePoolIsKeptAsUnallocated() {
    var idle = new EdgeEpochWork(A, new WorkProved(0, 0, 0, 0, 0), 3, 0, 0);

    EpochRewards rewards = RewardPolicy.DEFAULT.rewards(7, 3600, POOL, List.of(idle));

    assertThat(rewards.statements().getFirst().payout()).isEqualTo(TokenAmount.ZERO);
    assertThat(rewards.statements().getFirst().qualityScoreDisplay())
        .isEqualTo("0.000000000000000000");
    assertThat(rewards.unallocated()).isEqualTo(POOL);
    assertThat(RewardPolicy.DEFAULT.rewards(7, 3600, POOL, List.of()).unallocated())
        .isEqualTo(POOL);
  }

  @Test
  void repeatedFaultsCostMoreEachTimeAndBottomOutAtZero() {
    ReputationTable table = ReputationTable.DEFAULT;
    // 1 − .05·f(f+1)/2: f=0 → 1, 1 → .95, 2 → .85, 3 → .70, 4 → .50, 5 → .25, 6 → 0 (−.05 clamped)
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(table::faultFactor))
        .containsExactly(
            Ratio.ONE,
            Ratio.of(95, 100),
            Ratio.of(85, 100),
            Ratio.of(70, 100),
            Ratio.of(50, 100),
            Ratio.of(25, 100),
            Ratio.ZERO);
    // uptime tiers are inclusive at their threshold: 999/1000 is 99.9 %
    assertThat(table.tierBps(999, 1000)).isEqualTo(12_000);
    assertThat(table.tierBps(998, 1000)).isEqualTo(11_000);
    assertThat(table.tierBps(980, 1000)).isEqualTo(10_000);
    assertThat(table.tierBps(979, 1000)).isEqualTo(5000);
  }

  @Test
  void badInputsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> new WorkProved(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storage byte-hours must not be negative, got -1");
    assertThatThrownBy(() -> new EdgeEpochWork(A, new WorkProved(0, 0, 0, 0, 0), 2, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("completed 3 tasks but was assigned only 2");
    assertThatThrownBy(() -> new EdgeEpochWork(A, new WorkProved(0, 0, 0, 0, 0), 0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("faults of " + A + " must not be negative");
    assertThatThrownBy(() -> new EdgeEpochWork("0x12", new WorkProved(0, 0, 0, 0, 0), 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an EVM address");
    assertThatThrownBy(() -> new ResourceWeights(3000, 3000, 1500, 1500, 999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource weights must sum to 10000 basis points, got 9999");
    assertThatThrownBy(
            () -> new RewardPolicy(ResourceWeights.DEFAULT, 7000, 2000, ReputationTable.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wRC + wTCR must be 10000");
    var edge = new EdgeEpochWork(A, new WorkProved(0, 0, 0, 0, 11), 0, 0, 0);
    assertThatThrownBy(() -> RewardPolicy.DEFAULT.rewards(1, 10, POOL, List.of(edge)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claims 11 s of uptime in an epoch of 10 s");
    var twice =
        new EdgeEpochWork(
            A.toUpperCase().replace("0X", "0x"), new WorkProved(0, 0, 0, 0, 1), 0, 0, 0);
    var once = new EdgeEpochWork(A, new WorkProved(0, 0, 0, 0, 1), 0, 0, 0);
    assertThatThrownBy(() -> RewardPolicy.DEFAULT.rewards(1, 10, POOL, List.of(once, twice)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> RewardPolicy.DEFAULT.rewards(1, 0, POOL, List.of(once)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one second");
  }
}
