package network.aioz.edge.ledger;

/** The ledger's view of this node, as far as the agent reads it. */
public record NodeView(String address, String status, Integer heartbeatIntervalSeconds) {}
