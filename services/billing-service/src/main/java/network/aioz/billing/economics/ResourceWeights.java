package network.aioz.billing.economics;

import java.util.List;

/** The weights {@code w_k} of each resource in the contribution score, summing to 10,000 bps. */
public record ResourceWeights(
    int storageBps, int bandwidthBps, int transcodeBps, int inferenceBps, int uptimeBps) {

  public static final ResourceWeights DEFAULT = new ResourceWeights(3000, 3000, 1500, 1500, 1000);

  public ResourceWeights {
    long sum = 0;
    for (int bps : List.of(storageBps, bandwidthBps, transcodeBps, inferenceBps, uptimeBps)) {
      Checks.basisPoints(bps, "resource weight");
      sum += bps;
    }
    if (sum != 10_000) {
      throw new IllegalArgumentException(
          "resource weights must sum to 10000 basis points, got " + sum);
    }
  }

  /** In the order of {@link WorkProved#asList()}. */
  public List<Integer> asList() {
    return List.of(storageBps, bandwidthBps, transcodeBps, inferenceBps, uptimeBps);
  }
}
