package network.aioz.edge.ledger;

/** One open task of this node, as listed by the ledger. */
public record Task(
    String id,
    String kind,
    String status,
    String objectId,
    Integer pieceIndex,
    String contentDigest,
    Long sizeBytes) {

  public boolean isStore() {
    return "STORE".equals(kind);
  }

  public boolean isAssigned() {
    return "ASSIGNED".equals(status);
  }

  public boolean isRunning() {
    return "RUNNING".equals(status);
  }
}
