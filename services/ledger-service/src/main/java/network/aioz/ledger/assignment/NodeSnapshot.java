package network.aioz.ledger.assignment;

import java.util.Objects;

/**
 * One node as the registry sees it now. {@code freeBytes} and {@code runningTasks} are the dynamic
 * part: an upsert with unchanged static fields only refreshes them, without re-indexing.
 *
 * @param nodeId the node's Ethereum address
 * @param reputation the node's score in [0,1]; higher wins load ties
 */
public record NodeSnapshot(
    String nodeId,
    String region,
    String faultDomain,
    NodeCapabilities capabilities,
    long freeBytes,
    int runningTasks,
    int maxConcurrentTasks,
    double reputation,
    Eligibility eligibility) {

  public NodeSnapshot {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(faultDomain, "faultDomain");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(eligibility, "eligibility");
    if (freeBytes < 0 || runningTasks < 0 || maxConcurrentTasks < 0) {
      throw new IllegalArgumentException(
          "freeBytes, runningTasks, maxConcurrentTasks must be >= 0");
    }
    if (!(reputation >= 0.0 && reputation <= 1.0)) {
      throw new IllegalArgumentException("reputation must be in [0,1]: " + reputation);
    }
  }

  /** The same node with new dynamic values. */
  public NodeSnapshot withLoad(long freeBytes, int runningTasks) {
    return new NodeSnapshot(
        nodeId,
        region,
        faultDomain,
        capabilities,
        freeBytes,
        runningTasks,
        maxConcurrentTasks,
        reputation,
        eligibility);
  }
}
