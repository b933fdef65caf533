package network.aioz.billing.economics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.aioz.shared.amount.TokenAmount;
import network.aioz.shared.merkle.AbiEncoding;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.StandardMerkleTree;

/**
 * The Merkle tree of one epoch's rewards that the settlement contract stores and edges claim
 * against: OpenZeppelin {@code StandardMerkleTree} leaves {@code (uint64 epoch, address edge,
 * uint256 amount)}. Zero payouts are left out. An epoch that pays nobody has no leaves and the root
 * {@link Bytes32#ZERO}, which no proof can reach.
 */
public final class RewardTree {

  public static final List<String> LEAF_TYPES = List.of("uint64", "address", "uint256");
  private static final AbiEncoding ENCODING = AbiEncoding.of(LEAF_TYPES);

  private final long epoch;
  private final Map<String, TokenAmount> amounts;
  private final StandardMerkleTree<List<?>> tree;

  private RewardTree(
      long epoch, Map<String, TokenAmount> amounts, StandardMerkleTree<List<?>> tree) {
    this.epoch = epoch;
    this.amounts = amounts;
    this.tree = tree;
  }

  public static RewardTree of(EpochRewards rewards) {
    return of(rewards.epoch(), rewards.payouts());
  }

  /** The tree over the non-zero payouts of {@code epoch}, keyed by edge address. */
  public static RewardTree of(long epoch, Map<String, TokenAmount> payouts) {
    Checks.nonNegative(epoch, "epoch");
    Checks.notNull(payouts, "payouts");
    Map<String, TokenAmount> amounts = new TreeMap<>();
    for (Map.Entry<String, TokenAmount> payout : payouts.entrySet()) {
      String edge = Checks.address(payout.getKey());
      TokenAmount amount = Checks.notNull(payout.getValue(), "payout of " + edge);
      if (amount.isZero()) {
        continue;
      }
      if (amounts.put(edge, amount) != null) {
        throw new IllegalArgumentException("edge " + edge + " is paid twice in epoch " + epoch);
      }
    }
    List<List<?>> leaves = new ArrayList<>();
    amounts.forEach((edge, amount) -> leaves.add(leaf(epoch, edge, amount)));
    StandardMerkleTree<List<?>> tree =
        leaves.isEmpty() ? null : StandardMerkleTree.of(leaves, ENCODING::encode);
    return new RewardTree(epoch, Collections.unmodifiableMap(amounts), tree);
  }

  public long epoch() {
    return epoch;
  }

  public Bytes32 root() {
    return tree == null ? Bytes32.ZERO : tree.root();
  }

  /** The edges with a leaf, and their amounts, by address. */
  public Map<String, TokenAmount> amounts() {
    return amounts;
  }

  /** The proof an edge submits with its claim; refused for an edge without a leaf. */
  public List<Bytes32> proof(String edge) {
    String address = Checks.address(edge);
    TokenAmount amount = amounts.get(address);
    if (amount == null) {
      throw new IllegalArgumentException(
          "edge " + address + " has no reward in epoch " + epoch + " to prove");
    }
    return tree.proof(leafHash(epoch, address, amount)).orElseThrow();
  }

  /** {@code keccak256(bytes.concat(keccak256(abi.encode(epoch, edge, amount))))}. */
  public static Bytes32 leafHash(long epoch, String edge, TokenAmount amount) {
    return StandardMerkleTree.leafHash(ENCODING.encode(leaf(epoch, Checks.address(edge), amount)));
  }

  /** What the contract checks when an edge claims {@code amount} for {@code epoch}. */
  public static boolean verify(
      Bytes32 root, long epoch, String edge, TokenAmount amount, List<Bytes32> proof) {
    return StandardMerkleTree.verify(root, leafHash(epoch, edge, amount), proof);
  }

  private static List<?> leaf(long epoch, String edge, TokenAmount amount) {
    return List.of(BigInteger.valueOf(epoch), edge, amount.baseUnits());
  }
}
