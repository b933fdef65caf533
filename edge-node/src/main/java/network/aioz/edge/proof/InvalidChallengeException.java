package network.aioz.edge.proof;

/** A challenge the node refuses to answer because it is malformed (answered with 400). */
final class InvalidChallengeException extends Exception {

  InvalidChallengeException(String message) {
    super(message);
  }
}
