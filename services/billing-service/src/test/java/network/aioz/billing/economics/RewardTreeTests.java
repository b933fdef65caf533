package network.aioz.billing.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.merkle.Bytes32;
import org.junit.jupiter.api.Test;

class RewardTreeTests {

  private static final String A = RewardPolicyTests.A;
  private static final String B = RewardPolicyTests.B;
  private static final String C = RewardPolicyTests.C;
  private static final String D = "0x4444444444444444444444444444444444444444";

  /**
   * Root and proofs from OpenZeppelin's own {@code @openzeppelin/merkle-tree} (JavaScript): {@code
   * StandardMerkleTree.of([[7, A, 500e18], [7, B, 300e18 + 1], [7, C, 200e18 − 1]], ["uint64",
   * "address", "uint256"])}.
   */
  @Test
  void theRootAndProofsAreThoseOfOpenZeppelinsStandardMerkleTree() {
    Map<String, TokenAmount> payouts = new LinkedHashMap<>();
    payouts.put(C, units("199999999999999999999"));
    payouts.put(A, units("500000000000000000000"));
    payouts.put(D, TokenAmount.ZERO);
    payouts.put(B, units("300000000000000000001"));

    RewardTree tree = RewardTree.of(7, payouts);

    assertThat(tree.root())
        .isEqualTo(
            Bytes32.fromHex("0x4cb94344b6a06721bd4eac0aeb339a26e0e6361c383937cc9360da68b4d85f5a"));
    assertThat(tree.proof(A))
        .containsExactly(
            Bytes32.fromHex("0x42fd20da844da499252714b8e1432efe453e7de85da6fb3d9b7ef53650d21c87"));
    assertThat(tree.proof(B))
        .containsExactly(
            Bytes32.fromHex("0x59d0c6209c8b90782c1ed4d22326bb5da58d1eba17416c23bf20f56d5177d751"),
            Bytes32.fromHex("0xdac71e96e2e221f873353d24a0a429c5c2854d86f46dcdb7dd9c5d052c0336d2"));
    assertThat(RewardTree.verify(tree.root(), 7, C, payouts.get(C), tree.proof(C))).isTrue();
    // the zero payout has no leaf
    assertThat(tree.amounts()).containsOnlyKeys(A, B, C);
    assertThatThrownBy(() -> tree.proof(D))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no reward in epoch 7");
  }

  @Test
  void aProofDoesNotVerifyAnotherAmountEpochOrEdge() {
    Map<String, TokenAmount> payouts = Map.of(A, units("5"), B, units("6"), C, units("7"));
    RewardTree tree = RewardTree.of(3, payouts);
    List<Bytes32> proof = tree.proof(A);

    assertThat(RewardTree.verify(tree.root(), 3, A, units("5"), proof)).isTrue();
    assertThat(RewardTree.verify(tree.root(), 3, A, units("6"), proof)).isFalse();
    assertThat(RewardTree.verify(tree.root(), 4, A, units("5"), proof)).isFalse();
    assertThat(RewardTree.verify(tree.root(), 3, D, units("5"), proof)).isFalse();
  }

  @Test
  void theTreeOfAnEpochsRewardsProvesEveryPaidEdge() {
    EpochRewards rewards =
        RewardPolicy.DEFAULT.rewards(
            9,
            100,
            TokenAmount.ofWhole(10),
            List.of(
                new EdgeEpochWork(A, new WorkProved(1, 2, 3, 4, 100), 1, 1, 0),
                new EdgeEpochWork(B, new WorkProved(5, 0, 0, 1, 50), 2, 1, 1),
                new EdgeEpochWork(C, new WorkProved(0, 0, 0, 0, 0), 0, 0, 0)));

    RewardTree tree = RewardTree.of(rewards);

    assertThat(tree.amounts()).containsOnlyKeys(A, B);
    for (EdgeStatement statement : rewards.statements().subList(0, 2)) {
      assertThat(
              RewardTree.verify(
                  tree.root(),
                  9,
                  statement.address(),
                  statement.payout(),
                  tree.proof(statement.address())))
          .isTrue();
    }
  }

  @Test
  void anEpochThatPaysNobodyHasTheZeroRoot() {
    assertThat(RewardTree.of(1, Map.of(A, TokenAmount.ZERO)).root()).isEqualTo(Bytes32.ZERO);
    assertThatThrownBy(() -> RewardTree.of(-1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("epoch must not be negative, got -1");
  }

  private static TokenAmount units(String baseUnits) {
    return TokenAmount.ofBaseUnits(new BigInteger(baseUnits));
  }
}
