package network.aioz.ledger.receipt;

import java.math.BigInteger;
import java.util.List;

/**
 * A receipt with what a contract needs to verify it: the leaf hash, the sibling hashes up to the
 * root (OpenZeppelin {@code MerkleProof.verify} order) and the root.
 */
public record ReceiptProof(
    Receipt receipt, String leafHash, List<String> proof, String root, List<String> leafEncoding) {

  /** The receipt's fields as they are ABI-encoded into the leaf. */
  public record Receipt(
      String taskId,
      String taskIdBytes32,
      String node,
      String kind,
      int kindCode,
      BigInteger units,
      long epoch,
      String proofRef) {}
}
