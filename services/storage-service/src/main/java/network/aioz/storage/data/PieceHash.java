package network.aioz.storage.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import network.aioz.shared.merkle.rfc6962.BlockTree;

/**
 * What the platform records about a piece before it leaves: its SHA-256 (the edge's address for it)
 * and the RFC 6962 Merkle root over its blocks, against which Proof of Storage challenges are
 * checked. The network computes the root; the edge never gets to say what it is.
 */
public record PieceHash(String digest, String merkleRoot, int size, int blockSize) {

  private static final HexFormat HEX = HexFormat.of();

  public static PieceHash of(byte[] piece, int blockSize) {
    try {
      String digest = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(piece));
      BlockTree tree = BlockTree.build(new ByteArrayInputStream(piece), blockSize);
      return new PieceHash(digest, HEX.formatHex(tree.root().toArray()), piece.length, blockSize);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code bytes} are this piece. */
  public static boolean matches(byte[] bytes, String digest) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).equals(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
