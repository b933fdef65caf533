package network.aioz.shared.receipt;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.StandardMerkleTree;

/**
 * Proven work by one edge node in one epoch: the leaf of the epoch's receipt tree. Its leaf hash is
 * OpenZeppelin's standard leaf over {@link #SOLIDITY_TYPES}, so a contract checks it with {@code
 * keccak256(bytes.concat(keccak256(abi.encode(taskId, node, kind, units, epoch, proofRef))))} and
 * {@code MerkleProof.verify}.
 *
 * @param taskId the task's UUID, its 16 bytes right-aligned in 32 (see {@link #taskIdOf(UUID)})
 * @param node the edge node's address, {@code 0x} and 40 lower-case hex digits
 * @param kind what was done
 * @param units how much was done, in the kind's unit (bytes, seconds, tokens...); a uint256
 * @param epoch the settlement epoch; a uint64, limited here to 0..2^63-1
 * @param proofRef reference to the proof that justified the receipt (e.g. a challenge id hash)
 */
public record WorkReceipt(
    Bytes32 taskId, String node, WorkKind kind, BigInteger units, long epoch, Bytes32 proofRef) {

  /** The Solidity tuple a leaf encodes, in order. */
  public static final List<String> SOLIDITY_TYPES =
      List.of("bytes32", "address", "uint8", "uint256", "uint64", "bytes32");

  private static final int ENCODED_LENGTH = 6 * 32;

  public WorkReceipt {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(proofRef, "proofRef");
    node = normalizeAddress(node);
    if (units == null || units.signum() < 0 || units.bitLength() > 256) {
      throw new IllegalArgumentException("units must be a uint256: " + units);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
  }

  public static WorkReceipt of(
      UUID taskId, String node, WorkKind kind, BigInteger units, long epoch, Bytes32 proofRef) {
    return new WorkReceipt(taskIdOf(taskId), node, kind, units, epoch, proofRef);
  }

  /** The UUID's 16 bytes (most significant first) left-padded with zeros to 32. */
  public static Bytes32 taskIdOf(UUID taskId) {
    return Bytes32.ofUuid(taskId);
  }

  /** The ABI values in {@link #SOLIDITY_TYPES} order, for generic encoders. */
  public List<Object> abiValues() {
    return List.of(taskId, node, kind.code(), units, epoch, proofRef);
  }

  /** {@code abi.encode(taskId, node, kind, units, epoch, proofRef)}: six 32-byte words. */
  public byte[] abiEncode() {
    byte[] out = new byte[ENCODED_LENGTH];
    taskId.copyTo(out, 0);
    writeAddress(node, out, 32 + 12);
    out[2 * 32 + 31] = (byte) kind.code();
    byte[] unitBytes = units.toByteArray();
    int len = Math.min(unitBytes.length, 32);
    System.arraycopy(unitBytes, unitBytes.length - len, out, 4 * 32 - len, len);
    ByteBuffer.wrap(out).putLong(4 * 32 + 24, epoch);
    proofRef.copyTo(out, 5 * 32);
    return out;
  }

  /** The Merkle leaf: {@code keccak256(bytes.concat(keccak256(abiEncode())))}. */
  public Bytes32 leafHash() {
    return StandardMerkleTree.leafHash(abiEncode());
  }

  /** Hex digits straight into the word: encoding runs a million times per sealed epoch. */
  private static void writeAddress(String address, byte[] out, int offset) {
    for (int i = 0; i < 20; i++) {
      int high = Character.digit(address.charAt(2 + 2 * i), 16);
      int low = Character.digit(address.charAt(3 + 2 * i), 16);
      out[offset + i] = (byte) ((high << 4) | low);
    }
  }

  private static String normalizeAddress(String node) {
    Objects.requireNonNull(node, "node");
    String lower = node.toLowerCase(Locale.ROOT);
    if (!lower.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("node must be a 20-byte 0x-hex address: " + node);
    }
    return lower;
  }
}
