package network.aioz.edge.proof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import network.aioz.edge.store.PieceStore;
import network.aioz.edge.store.PieceStore.Piece;
import network.aioz.shared.merkle.rfc6962.BlockTree;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Answers storage challenges from the pieces on disk: the block's leaf hash and RFC 6962 audit path
 * (the tree built by streaming the piece file with the challenge's block size), optionally the
 * block itself, all signed over the {@link ChallengeTranscript}.
 *
 * <p>Nothing in a challenge is trusted beyond the digest naming a piece this node holds: the fields
 * are checked for form, and the block size and index are bounded so a challenge cannot make the
 * node hash into an oversized tree or read outside the piece.
 */
public final class ChallengeResponder {

  /** Largest block size accepted; bounds the bytes one answer carries. */
  static final int MAX_BLOCK_SIZE = 4 * 1024 * 1024;

  /** Most blocks a challenged tree may have (8 MiB of hashes). */
  static final long MAX_BLOCKS = 1L << 17;

  /** Hash bytes the tree cache may hold. */
  static final long CACHE_BUDGET_BYTES = 16L * 1024 * 1024;

  private static final Pattern CHALLENGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private final PieceStore store;
  private final ECKeyPair key;
  private final String address;
  private final TreeCache trees = new TreeCache(CACHE_BUDGET_BYTES);

  /**
   * @param address the node's EIP-55 address (the address of {@code key})
   */
  public ChallengeResponder(PieceStore store, ECKeyPair key, String address) {
    this.store = store;
    this.key = key;
    this.address = address;
  }

  ChallengeAnswer answer(Challenge challenge)
      throws IOException, InvalidChallengeException, PieceNotHeldException {
    checkForm(challenge);
    String digest = challenge.pieceDigest();
    Piece piece = store.find(digest).orElseThrow(() -> new PieceNotHeldException(digest));
    int blockSize = challenge.blockSize();
    long expectedBlocks = (piece.sizeBytes() + blockSize - 1) / blockSize;
    if (expectedBlocks > MAX_BLOCKS) {
      throw new InvalidChallengeException(
          "block size " + blockSize + " makes more than " + MAX_BLOCKS + " blocks of this piece");
    }
    BlockTree tree;
    try {
      tree = trees.treeOf(digest, piece.file(), blockSize);
    } catch (NoSuchFileException gone) {
      throw new PieceNotHeldException(digest);
    }
    long index = challenge.blockIndex();
    if (index >= tree.blockCount()) {
      throw new InvalidChallengeException(
          "block index " + index + " is out of range: the piece has " + tree.blockCount());
    }
    int block = (int) index;
    byte[] leafHash = tree.leafHash(block).toArray();
    List<String> path = tree.proof(block).stream().map(h -> HEX.formatHex(h.toArray())).toList();
    String data =
        Boolean.TRUE.equals(challenge.includeData())
            ? Base64.getEncoder().encodeToString(readBlock(piece, block, blockSize))
            : null;
    byte[] transcript =
        ChallengeTranscript.digest(
            challenge.challengeId(), challenge.nonce(), digest, index, leafHash);
    return new ChallengeAnswer(
        challenge.challengeId(),
        digest,
        index,
        tree.blockCount(),
        HEX.formatHex(leafHash),
        path,
        data,
        address,
        sign(transcript));
  }

  /** How many trees the cache holds (for tests). */
  int cachedTrees() {
    return trees.size();
  }

  private static void checkForm(Challenge challenge) throws InvalidChallengeException {
    if (challenge.challengeId() == null
        || !CHALLENGE_ID.matcher(challenge.challengeId()).matches()) {
      throw new InvalidChallengeException("challengeId must be 1 to 64 letters, digits, - or _");
    }
    if (!PieceStore.isDigest(challenge.pieceDigest())) {
      throw new InvalidChallengeException("pieceDigest must be a lower-case hex SHA-256");
    }
    if (challenge.nonce() == null || !NONCE.matcher(challenge.nonce()).matches()) {
      throw new InvalidChallengeException("nonce must be 64 hex digits");
    }
    if (challenge.blockSize() == null
        || challenge.blockSize() <= 0
        || challenge.blockSize() > MAX_BLOCK_SIZE) {
      throw new InvalidChallengeException("blockSize must be between 1 and " + MAX_BLOCK_SIZE);
    }
    if (challenge.blockIndex() == null || challenge.blockIndex() < 0) {
      throw new InvalidChallengeException("blockIndex must be a non-negative integer");
    }
    if (challenge.includeData() == null) {
      throw new InvalidChallengeException("includeData must be true or false");
    }
  }

  private static byte[] readBlock(Piece piece, int block, int blockSize) throws IOException {
    long offset = (long) block * blockSize;
    try (FileChannel file = FileChannel.open(piece.file(), StandardOpenOption.READ)) {
      int length = (int) Math.max(0, Math.min(blockSize, file.size() - offset));
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining()) {
        if (file.read(buffer, offset + buffer.position()) < 0) {
          break;
        }
      }
      buffer.flip();
      return Arrays.copyOf(buffer.array(), buffer.remaining());
    }
  }

  private String sign(byte[] transcriptDigest) {
    Sign.SignatureData signature = Sign.signPrefixedMessage(transcriptDigest, key);
    byte[] packed = new byte[65];
    System.arraycopy(signature.getR(), 0, packed, 0, 32);
    System.arraycopy(signature.getS(), 0, packed, 32, 32);
    packed[64] = signature.getV()[0];
    return "0x" + HEX.formatHex(packed);
  }
}
