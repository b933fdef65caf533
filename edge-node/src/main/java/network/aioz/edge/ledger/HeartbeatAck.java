package network.aioz.edge.ledger;

/** The ledger's answer to a heartbeat. */
public record HeartbeatAck(String status, Integer heartbeatIntervalSeconds) {}
