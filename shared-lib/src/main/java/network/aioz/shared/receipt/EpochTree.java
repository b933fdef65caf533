package network.aioz.shared.receipt;

import java.util.List;
import java.util.OptionalInt;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.MerkleTree;
import network.aioz.shared.merkle.StandardMerkleTree;

/**
 * The Merkle tree over one epoch's work receipts: its root is what the ledger seals and the
 * settlement contract stores; {@link #proof} is what an edge submits to claim a receipt.
 */
public final class EpochTree {

  private final long epoch;
  private final StandardMerkleTree<WorkReceipt> tree;

  private EpochTree(long epoch, StandardMerkleTree<WorkReceipt> tree) {
    this.epoch = epoch;
    this.tree = tree;
  }

  /** Seals the receipts of one epoch; all must carry that epoch and there must be at least one. */
  public static EpochTree of(long epoch, List<WorkReceipt> receipts) {
    if (receipts.isEmpty()) {
      throw new IllegalArgumentException("epoch " + epoch + " has no receipts to seal");
    }
    for (WorkReceipt receipt : receipts) {
      if (receipt.epoch() != epoch) {
        throw new IllegalArgumentException(
            "receipt for task "
                + receipt.taskId()
                + " is of epoch "
                + receipt.epoch()
                + ", not "
                + epoch);
      }
    }
    return new EpochTree(epoch, StandardMerkleTree.of(receipts, WorkReceipt::abiEncode));
  }

  public long epoch() {
    return epoch;
  }

  public Bytes32 root() {
    return tree.root();
  }

  public int size() {
    return tree.size();
  }

  public WorkReceipt receipt(int index) {
    return tree.value(index);
  }

  /** Proof of the receipt at {@code index} in the list the tree was built from. */
  public List<Bytes32> proof(int index) {
    return tree.proof(index);
  }

  /** Proof of this receipt; refuses a receipt that is not in the tree. */
  public List<Bytes32> proof(WorkReceipt receipt) {
    return tree.proof(indexOf(receipt));
  }

  public int indexOf(WorkReceipt receipt) {
    OptionalInt index = tree.indexOf(receipt.leafHash());
    if (index.isEmpty()) {
      throw new IllegalArgumentException("receipt is not in epoch " + epoch + ": " + receipt);
    }
    return index.getAsInt();
  }

  /** What the contract checks: the receipt's leaf and the proof lead to the sealed root. */
  public static boolean verify(Bytes32 root, WorkReceipt receipt, List<Bytes32> proof) {
    return MerkleTree.verify(root, receipt.leafHash(), proof);
  }
}
