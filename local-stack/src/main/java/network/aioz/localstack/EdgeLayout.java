package network.aioz.localstack;

import java.util.ArrayList;
import java.util.List;

/** Where the simulated edges live: round-robin over regions, alternating two fault domains. */
final class EdgeLayout {

  static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-southeast", "sa-east");
  static final String EXTRA_REGION = "af-south";

  /** One simulated edge. */
  record Placement(String name, String region, String faultDomain) {}

  private EdgeLayout() {}

  static List<Placement> of(int count) {
    List<String> regions = new ArrayList<>(REGIONS);
    if (count > 12) {
      regions.add(EXTRA_REGION);
    }
    List<Placement> placements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String region = regions.get(i % regions.size());
      String domain = region + ((i / regions.size()) % 2 == 0 ? "-a" : "-b");
      placements.add(new Placement("edge-%02d".formatted(i + 1), region, domain));
    }
    return placements;
  }
}
