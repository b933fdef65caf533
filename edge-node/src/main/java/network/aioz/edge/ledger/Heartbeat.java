package network.aioz.edge.ledger;

/** Body of {@code POST /v1/edges/{address}/heartbeats}. */
public record Heartbeat(long sequence, long usedBytes, int runningTasks, boolean draining) {}
