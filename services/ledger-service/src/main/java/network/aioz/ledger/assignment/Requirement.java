package network.aioz.ledger.assignment;

/**
 * What a piece of work needs from a node, whatever its kind. Null codec, runtime or model means
 * "not needed".
 *
 * @param minFreeBytes bytes the node must have free; also what a placement reserves on it
 */
public record Requirement(
    long minFreeBytes,
    long minBandwidthBps,
    String codec,
    String runtime,
    String model,
    boolean needsGpu) {

  public Requirement {
    if (minFreeBytes < 0 || minBandwidthBps < 0) {
      throw new IllegalArgumentException("minFreeBytes and minBandwidthBps must be >= 0");
    }
  }

  /** A piece of stored data: needs space and some bandwidth to serve it. */
  public static Requirement storage(long pieceBytes, long minBandwidthBps) {
    return new Requirement(pieceBytes, minBandwidthBps, null, null, null, false);
  }

  /** A transcode job for one codec. */
  public static Requirement transcode(String codec, long scratchBytes) {
    return new Requirement(scratchBytes, 0, codec, null, null, false);
  }

  /** An inference request for one model on one runtime. */
  public static Requirement inference(String runtime, String model, boolean needsGpu) {
    return new Requirement(0, 0, null, runtime, model, needsGpu);
  }

  boolean isMetBy(NodeCapabilities capabilities) {
    return capabilities.bandwidthBps() >= minBandwidthBps
        && (codec == null || capabilities.transcodeCodecs().contains(codec))
        && (runtime == null || capabilities.inferenceRuntimes().contains(runtime))
        && (model == null || capabilities.inferenceModels().contains(model))
        && (!needsGpu || capabilities.gpuCount() > 0);
  }
}
