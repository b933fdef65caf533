package network.aioz.benchmarks.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import network.aioz.chain.contracts.generated.SettlementRegistry.FeeTotals;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.StandardMerkleTree;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;

/**
 * One epoch of synthetic work as the ledger would seal it: the receipts tree over random receipts,
 * the rewards tree paying each edge its share of the fees, and the fee totals.
 *
 * @param rewards leaves {@code (uint64 epoch, address edge, uint256 amount)}, the distributor's
 */
record SyntheticEpoch(
    long epoch, EpochTree receipts, StandardMerkleTree<List<?>> rewards, FeeTotals totals) {

  static final List<String> REWARD_LEAF_TYPES = List.of("uint64", "address", "uint256");

  // fees in wei per unit of work; edges get a quarter, as in the fee split the totals report
  private static final long FEE_PER_UNIT = 4_000_000_000L;
  private static final long EDGE_SHARE_PER_UNIT = FEE_PER_UNIT / 4;
  private static final int PROGRESS_EVERY = 250_000;

  /** {@code count} receipts of random tasks, kinds and units, spread over {@code nodes}. */
  static SyntheticEpoch ofReceipts(
      long epoch, int count, List<String> nodes, SplittableRandom random) {
    List<WorkReceipt> receipts = new ArrayList<>(count);
    Map<String, Long> unitsByNode = new HashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String node = nodes.get(random.nextInt(nodes.size()));
      long units = random.nextLong(1, 1_000_000_000L);
      receipts.add(receipt(epoch, node, units, random));
      unitsByNode.merge(node, units, Long::sum);
      if ((i + 1) % PROGRESS_EVERY == 0) {
        System.out.printf(
            Locale.ROOT,
            "    %,d receipts generated (%.1f s)%n",
            i + 1,
            (System.nanoTime() - start) / 1e9);
      }
    }
    EpochTree tree = sealTimed(epoch, receipts);
    Map<String, BigInteger> amounts = new HashMap<>();
    unitsByNode.forEach(
        (node, units) ->
            amounts.put(
                node, BigInteger.valueOf(units).multiply(BigInteger.valueOf(EDGE_SHARE_PER_UNIT))));
    return new SyntheticEpoch(epoch, tree, rewardsTree(epoch, amounts), totals(amounts.values()));
  }

  /** One receipt and one reward per edge, the edges' amounts given. */
  static SyntheticEpoch ofRewards(
      long epoch, List<String> edges, List<BigInteger> amounts, SplittableRandom random) {
    List<WorkReceipt> receipts = new ArrayList<>(edges.size());
    List<List<?>> leaves = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      BigInteger amount = amounts.get(i);
      receipts.add(receipt(epoch, edges.get(i), random.nextLong(1, 1_000_000_000L), random));
      leaves.add(List.of(BigInteger.valueOf(epoch), edges.get(i), amount));
    }
    return new SyntheticEpoch(
        epoch,
        sealTimed(epoch, receipts),
        StandardMerkleTree.of(leaves, REWARD_LEAF_TYPES),
        totals(amounts));
  }

  /** A fresh random address, {@code 0x} and 40 lower-case hex digits. */
  static String address(SplittableRandom random) {
    return String.format(
        Locale.ROOT, "0x%08x%016x%016x", random.nextInt(), random.nextLong(), random.nextLong());
  }

  private static WorkReceipt receipt(long epoch, String node, long units, SplittableRandom random) {
    return WorkReceipt.of(
        new UUID(random.nextLong(), random.nextLong()),
        node,
        WorkKind.values()[random.nextInt(WorkKind.values().length)],
        BigInteger.valueOf(units),
        epoch,
        Bytes32.of(randomWord(random)));
  }

  private static byte[] randomWord(SplittableRandom random) {
    byte[] word = new byte[32];
    random.nextBytes(word);
    return word;
  }

  private static EpochTree sealTimed(long epoch, List<WorkReceipt> receipts) {
    long start = System.nanoTime();
    EpochTree tree = EpochTree.of(epoch, receipts);
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "    receipts tree of %,d sealed in %.2f s (heap used %,d MiB of %,d)%n",
        tree.size(),
        (System.nanoTime() - start) / 1e9,
        (runtime.totalMemory() - runtime.freeMemory()) >> 20,
        runtime.maxMemory() >> 20);
    return tree;
  }

  private static StandardMerkleTree<List<?>> rewardsTree(
      long epoch, Map<String, BigInteger> amounts) {
    List<List<?>> leaves = new ArrayList<>(amounts.size());
    amounts.forEach((edge, amount) -> leaves.add(List.of(BigInteger.valueOf(epoch), edge, amount)));
    return StandardMerkleTree.of(leaves, REWARD_LEAF_TYPES);
  }

  /** The fee split whose edge share is exactly what the rewards tree pays. */
  private static FeeTotals totals(Iterable<BigInteger> edgeAmounts) {
    BigInteger edges = BigInteger.ZERO;
    for (BigInteger amount : edgeAmounts) {
      edges = edges.add(amount);
    }
    BigInteger fees = edges.shiftLeft(2);
    BigInteger creators = percent(fees, 60);
    BigInteger validators = percent(fees, 5);
    BigInteger treasury = percent(fees, 8);
    BigInteger burned =
        fees.subtract(creators).subtract(edges).subtract(validators).subtract(treasury);
    return new FeeTotals(creators, edges, validators, treasury, burned);
  }

  private static BigInteger percent(BigInteger value, int percent) {
    return value.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
  }

  Bytes32 receiptsRoot() {
    return receipts.root();
  }

  Bytes32 rewardsRoot() {
    return rewards.root();
  }
}
