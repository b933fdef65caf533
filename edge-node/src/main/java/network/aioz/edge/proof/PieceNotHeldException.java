package network.aioz.edge.proof;

/** The challenged piece is not stored on this node (answered with 404). */
final class PieceNotHeldException extends Exception {

  PieceNotHeldException(String digest) {
    super("no piece " + digest + " on this node");
  }
}
