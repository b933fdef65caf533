package network.aioz.ledger.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Placement against a brute-force oracle: on random registries and requests, a placement either
 * returns distinct eligible nodes spread over as many regions and fault domains as the eligible
 * nodes allow, or fails exactly when there are fewer eligible nodes than pieces.
 */
class AssignerProperties {

  private static final String[] CODECS = {"h264", "av1"};

  @Property(tries = 300)
  void placementMatchesTheOracle(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int nodeCount,
      @ForAll @IntRange(min = 1, max = 12) int pieces) {
    SplittableRandom random = new SplittableRandom(seed);
    Assigner assigner = new Assigner(AssignerSettings.defaults(), new SplittableRandom(seed));
    List<NodeSnapshot> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      String region = "r" + random.nextInt(4);
      int max = 1 + random.nextInt(4);
      NodeSnapshot node =
          new NodeSnapshot(
              "n" + i,
              region,
              region + "/fd" + random.nextInt(3),
              new NodeCapabilities(
                  1_000,
                  random.nextInt(100),
                  random.nextBoolean() ? Set.of(CODECS[random.nextInt(2)]) : Set.of(),
                  Set.of(),
                  Set.of(),
                  1,
                  0),
              random.nextInt(1_000),
              random.nextInt(max + 1),
              max,
              random.nextDouble(),
              random.nextInt(4) == 0 ? Eligibility.VETTING : Eligibility.ACTIVE);
      nodes.add(node);
      assigner.upsert(node);
    }
    Requirement requirement =
        new Requirement(
            random.nextInt(600),
            random.nextInt(50),
            random.nextBoolean() ? CODECS[random.nextInt(2)] : null,
            null,
            null,
            false);
    Set<String> excluded = new HashSet<>();
    for (int i = 0; i < nodeCount; i++) {
      if (random.nextInt(6) == 0) {
        excluded.add("n" + i);
      }
    }
    List<NodeSnapshot> eligible =
        nodes.stream()
            .filter(node -> !excluded.contains(node.nodeId()))
            .filter(node -> node.reputation() >= AssignerSettings.defaults().minReputation())
            .filter(node -> node.reputation() > 0)
            .filter(node -> node.runningTasks() < node.maxConcurrentTasks())
            .filter(node -> node.freeBytes() >= requirement.minFreeBytes())
            .filter(node -> requirement.isMetBy(node.capabilities()))
            .toList();
    PlacementRequest request = new PlacementRequest(requirement, pieces, excluded, null, "g");

    if (eligible.size() < pieces) {
      assertThatThrownBy(() -> assigner.place(request))
          .isInstanceOfSatisfying(
              InsufficientCapacityException.class,
              e -> assertThat(e.eligible()).isEqualTo(eligible.size()));
      for (NodeSnapshot node : nodes) {
        assertThat(assigner.node(node.nodeId()).orElseThrow()).isEqualTo(node);
      }
      return;
    }

    List<String> chosen = assigner.place(request);

    Set<String> eligibleIds = new HashSet<>();
    eligible.forEach(node -> eligibleIds.add(node.nodeId()));
    assertThat(chosen).hasSize(pieces).doesNotHaveDuplicates();
    assertThat(eligibleIds).containsAll(chosen);
    long regions = eligible.stream().map(NodeSnapshot::region).distinct().count();
    long domains = eligible.stream().map(NodeSnapshot::faultDomain).distinct().count();
    List<NodeSnapshot> placed =
        chosen.stream().map(id -> nodes.get(Integer.parseInt(id.substring(1)))).toList();
    assertThat(placed.stream().map(NodeSnapshot::region).distinct().count())
        .isEqualTo(Math.min(pieces, regions));
    assertThat(placed.stream().map(NodeSnapshot::faultDomain).distinct().count())
        .isEqualTo(Math.min(pieces, domains));
    for (NodeSnapshot node : placed) {
      NodeSnapshot now = assigner.node(node.nodeId()).orElseThrow();
      assertThat(now.runningTasks()).isEqualTo(node.runningTasks() + 1);
      assertThat(now.freeBytes()).isEqualTo(node.freeBytes() - requirement.minFreeBytes());
    }
  }
}
