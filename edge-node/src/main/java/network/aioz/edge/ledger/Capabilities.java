package network.aioz.edge.ledger;

import java.util.List;

/** What the node offers; the ledger refuses fields or names it does not know. */
public record Capabilities(
    long storageBytes,
    long bandwidthBps,
    List<String> transcodeCodecs,
    List<String> inferenceRuntimes,
    List<String> inferenceModels,
    int cpuCores,
    int gpuCount,
    int maxConcurrentTasks) {}
