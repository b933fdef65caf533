package network.aioz.ledger.assignment;

import static network.aioz.ledger.assignment.TestNode.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AssignerTests {

  private static final Requirement PIECE = Requirement.storage(1_000_000, 0);

  private static Assigner assigner(long seed) {
    return new Assigner(AssignerSettings.defaults(), new SplittableRandom(seed));
  }

  /**
   * regions r0..r(regions-1), each with fault domains rX-fdY, each holding nodesPerDomain nodes.
   */
  private static Assigner grid(int regions, int domains, int nodesPerDomain, long seed) {
    Assigner assigner = assigner(seed);
    for (int r = 0; r < regions; r++) {
      for (int d = 0; d < domains; d++) {
        for (int n = 0; n < nodesPerDomain; n++) {
          String id = "r" + r + "-fd" + d + "-n" + n;
          assigner.upsert(node(id).in("r" + r, "r" + r + "-fd" + d).build());
        }
      }
    }
    return assigner;
  }

  private static String regionOf(String nodeId) {
    return nodeId.substring(0, nodeId.indexOf('-'));
  }

  private static String faultDomainOf(String nodeId) {
    return nodeId.substring(0, nodeId.lastIndexOf('-'));
  }

  @Test
  void placementUsesEveryRegionBeforeReusingOne() {
    Assigner assigner = grid(8, 5, 10, 1);

    for (int i = 0; i < 50; i++) {
      List<String> eight = assigner.place(PlacementRequest.of(PIECE, 8));
      assertThat(eight.stream().map(AssignerTests::regionOf).distinct()).hasSize(8);
    }
  }

  @Test
  void fourteenPiecesLandInFourteenFaultDomainsAndAtMostTwoPerRegion() {
    Assigner assigner = grid(8, 5, 10, 2);

    for (int i = 0; i < 50; i++) {
      List<String> nodes = assigner.place(PlacementRequest.of(PIECE, 14));

      assertThat(nodes).doesNotHaveDuplicates();
      assertThat(nodes.stream().map(AssignerTests::faultDomainOf).distinct()).hasSize(14);
      Map<String, Long> perRegion =
          nodes.stream()
              .collect(Collectors.groupingBy(AssignerTests::regionOf, Collectors.counting()));
      assertThat(perRegion).hasSize(8);
      assertThat(perRegion.values()).allMatch(count -> count <= 2);
    }
  }

  @Test
  void withinOneRegionPiecesSpreadOverFaultDomainsFirst() {
    Assigner assigner = grid(1, 5, 4, 3);

    List<String> nodes = assigner.place(PlacementRequest.of(PIECE, 5));

    assertThat(nodes.stream().map(AssignerTests::faultDomainOf).distinct()).hasSize(5);
  }

  @Test
  void reusesDomainsOnlyWhenTheyRunOutAndNeverReusesANode() {
    Assigner assigner = grid(2, 1, 3, 4);

    List<String> nodes = assigner.place(PlacementRequest.of(PIECE, 6));

    assertThat(nodes).hasSize(6).doesNotHaveDuplicates();
  }

  @Test
  void firstPieceGoesToThePreferredRegion() {
    Assigner assigner = grid(8, 5, 10, 5);

    for (int i = 0; i < 20; i++) {
      List<String> nodes =
          assigner.place(new PlacementRequest(PIECE, 4, Set.of(), "r6", "object-" + i));
      assertThat(regionOf(nodes.getFirst())).isEqualTo("r6");
      assertThat(nodes.stream().map(AssignerTests::regionOf).distinct()).hasSize(4);
    }
  }

  @Test
  void onlyNodesWithTheCapabilityAreChosen() {
    Assigner assigner = assigner(6);
    for (int i = 0; i < 40; i++) {
      TestNode node = node("n" + i).in("r" + (i % 4), "fd" + (i % 8));
      assigner.upsert((i % 10 == 0 ? node.codecs("av1", "h264") : node.codecs("h264")).build());
    }

    for (int i = 0; i < 100; i++) {
      String chosen = assigner.pickOne(Requirement.transcode("av1", 0), Set.of(), null);
      assertThat(Integer.parseInt(chosen.substring(1)) % 10).isZero();
    }
    assertThatThrownBy(() -> assigner.pickOne(Requirement.transcode("vp9", 0), Set.of(), null))
        .isInstanceOf(InsufficientCapacityException.class);
  }

  @Test
  void inferenceNeedsTheRuntimeTheModelAndAGpuWhenAsked() {
    Assigner assigner = assigner(7);
    assigner.upsert(node("cpu").in("r0", "a").inference("onnx", "bert", 0).build());
    assigner.upsert(node("gpu").in("r1", "b").inference("onnx", "bert", 1).build());
    assigner.upsert(node("other").in("r2", "c").inference("onnx", "llama", 2).build());
    assigner.upsert(node("plain").in("r3", "d").build());

    Set<String> withGpu = new HashSet<>();
    Set<String> anyBert = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String gpuNode =
          assigner.pickOne(Requirement.inference("onnx", "bert", true), Set.of(), null);
      withGpu.add(gpuNode);
      assigner.release(gpuNode, 0);
      String bertNode =
          assigner.pickOne(Requirement.inference("onnx", "bert", false), Set.of(), null);
      anyBert.add(bertNode);
      assigner.release(bertNode, 0);
    }

    assertThat(withGpu).containsExactly("gpu");
    assertThat(anyBert).containsExactlyInAnyOrder("cpu", "gpu");
  }

  @Test
  void nodesWithoutRoomBandwidthSlotsOrReputationAreSkipped() {
    Assigner assigner = assigner(8);
    assigner.upsert(node("small").in("r0", "a").free(999_999).build());
    assigner.upsert(node("slow").in("r1", "b").bandwidth(10).build());
    assigner.upsert(node("busy").in("r2", "c").tasks(5, 5).build());
    assigner.upsert(node("shady").in("r3", "d").reputation(0.2).build());
    assigner.upsert(node("good").in("r4", "e").build());

    Requirement requirement = Requirement.storage(1_000_000, 1_000);
    for (int i = 0; i < 20; i++) {
      String chosen = assigner.pickOne(requirement, Set.of(), null);
      assertThat(chosen).isEqualTo("good");
      assigner.release(chosen, requirement.minFreeBytes());
    }
  }

  @Test
  void excludedNodesAreNeverChosen() {
    Assigner assigner = grid(2, 2, 3, 9);
    Set<String> excluded = Set.of("r0-fd0-n0", "r0-fd0-n1", "r1-fd1-n2");

    List<String> nodes = assigner.place(new PlacementRequest(PIECE, 9, excluded, null, "obj"));

    assertThat(nodes).hasSize(9).doesNotHaveDuplicates().doesNotContainAnyElementsOf(excluded);
    assertThatThrownBy(() -> assigner.place(new PlacementRequest(PIECE, 10, excluded, null, "obj")))
        .isInstanceOf(InsufficientCapacityException.class);
  }

  @Test
  void tooFewEligibleNodesFailsWithCountsAndReservesNothing() {
    Assigner assigner = grid(1, 1, 5, 10);
    assigner.upsert(node("tiny").in("r9", "x").free(10).build());

    assertThatThrownBy(() -> assigner.place(new PlacementRequest(PIECE, 6, null, null, "obj-42")))
        .isInstanceOfSatisfying(
            InsufficientCapacityException.class,
            e -> {
              assertThat(e.requested()).isEqualTo(6);
              assertThat(e.eligible()).isEqualTo(5);
              assertThat(e.getMessage()).contains("obj-42", "6", "5");
            });
    for (int n = 0; n < 5; n++) {
      assertThat(assigner.node("r0-fd0-n" + n).orElseThrow().runningTasks()).isZero();
      assertThat(assigner.node("r0-fd0-n" + n).orElseThrow().freeBytes()).isEqualTo(1L << 40);
    }
  }

  @Test
  void theSameSeedGivesTheSameDecisions() {
    List<List<String>> first = new ArrayList<>();
    List<List<String>> second = new ArrayList<>();
    List<List<String>> otherSeed = new ArrayList<>();
    Assigner a = grid(8, 5, 10, 42);
    Assigner b = grid(8, 5, 10, 42);
    Assigner c = grid(8, 5, 10, 43);

    for (int i = 0; i < 30; i++) {
      first.add(a.place(PlacementRequest.of(PIECE, 14)));
      second.add(b.place(PlacementRequest.of(PIECE, 14)));
      otherSeed.add(c.place(PlacementRequest.of(PIECE, 14)));
    }

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void aBurstOfDecisionsSpreadsLoadEvenly() {
    Assigner assigner = grid(4, 5, 5, 11);

    for (int i = 0; i < 1_000; i++) {
      assigner.pickOne(PIECE, Set.of(), null);
    }

    List<Integer> running = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      for (int d = 0; d < 5; d++) {
        for (int n = 0; n < 5; n++) {
          running.add(assigner.node("r" + r + "-fd" + d + "-n" + n).orElseThrow().runningTasks());
        }
      }
    }
    // 1,000 tasks over 100 nodes: power of two choices keeps every node near 10, where uniform
    // random choice typically leaves some nodes above 20 and some below 3.
    assertThat(running.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
    assertThat(running).allMatch(count -> count >= 7 && count <= 13);
  }

  @Test
  void betterReputationWinsMoreOfTheWork() {
    Assigner assigner = assigner(12);
    for (int i = 0; i < 50; i++) {
      assigner.upsert(node("good" + i).in("r0", "fd" + i).reputation(1.0).build());
      assigner.upsert(node("fair" + i).in("r0", "fd" + i).reputation(0.6).build());
    }

    Map<Boolean, Integer> wins = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      wins.merge(assigner.pickOne(PIECE, Set.of(), null).startsWith("good"), 1, Integer::sum);
    }

    assertThat(wins.get(true)).isGreaterThan(wins.get(false) * 3 / 2);
  }

  @Test
  void vettingNodesGetAboutTheConfiguredShare() {
    Assigner assigner = assigner(13);
    for (int i = 0; i < 100; i++) {
      assigner.upsert(node("active" + i).in("r" + (i % 5), "fd" + i).build());
      assigner.upsert(node("vetting" + i).in("r" + (i % 5), "fd" + i).vetting().build());
    }

    int vetting = 0;
    for (int i = 0; i < 10_000; i++) {
      String chosen = assigner.pickOne(PIECE, Set.of(), null);
      if (chosen.startsWith("vetting")) {
        vetting++;
      }
      assigner.release(chosen, PIECE.minFreeBytes());
    }

    assertThat(vetting).isBetween(400, 600);
  }

  @Test
  void vettingNodesFillInWhenActiveOnesAreNotEnough() {
    Assigner assigner = new Assigner(new AssignerSettings(0.5, 0.0, 32), new SplittableRandom(14));
    for (int i = 0; i < 3; i++) {
      assigner.upsert(node("active" + i).in("r" + i, "fd" + i).build());
      assigner.upsert(node("vetting" + i).in("r" + i, "fd" + i).vetting().build());
    }

    assertThat(assigner.place(PlacementRequest.of(PIECE, 3)))
        .allMatch(id -> id.startsWith("active"));
    assertThat(assigner.place(PlacementRequest.of(PIECE, 5)))
        .filteredOn(id -> id.startsWith("vetting"))
        .hasSize(2);
  }

  @Test
  void pickOnePrefersTheRegionAndFallsBackToAnyOther() {
    Assigner assigner = assigner(15);
    assigner.upsert(node("near").in("eu", "a").tasks(0, 2).build());
    assigner.upsert(node("far").in("us", "b").build());

    assertThat(assigner.pickOne(PIECE, Set.of(), "eu")).isEqualTo("near");
    assertThat(assigner.pickOne(PIECE, Set.of(), "eu")).isEqualTo("near");
    assertThat(assigner.pickOne(PIECE, Set.of(), "eu")).isEqualTo("far");
    assertThat(assigner.pickOne(PIECE, Set.of(), "nowhere")).isEqualTo("far");
  }

  @Test
  void releaseGivesBackTheSlotAndTheBytes() {
    Assigner assigner = assigner(16);
    assigner.upsert(node("only").in("eu", "a").free(3_000_000).tasks(0, 1).build());

    assertThat(assigner.pickOne(PIECE, Set.of(), null)).isEqualTo("only");
    assertThat(assigner.node("only").orElseThrow().freeBytes()).isEqualTo(2_000_000);
    assertThatThrownBy(() -> assigner.pickOne(PIECE, Set.of(), null))
        .isInstanceOf(InsufficientCapacityException.class);

    assigner.release("only", PIECE.minFreeBytes());

    assertThat(assigner.node("only").orElseThrow().runningTasks()).isZero();
    assertThat(assigner.node("only").orElseThrow().freeBytes()).isEqualTo(3_000_000);
    assertThat(assigner.pickOne(PIECE, Set.of(), null)).isEqualTo("only");
  }

  @Test
  void aSubmittedStoreTaskGivesBackItsSlotButKeepsItsRoom() {
    Assigner assigner = assigner(18);
    assigner.upsert(node("only").in("eu", "a").free(3_000_000).tasks(0, 1).build());
    assertThat(assigner.pickOne(PIECE, Set.of(), null)).isEqualTo("only");

    assigner.releaseSlot("only");

    assertThat(assigner.node("only").orElseThrow().runningTasks()).isZero();
    assertThat(assigner.node("only").orElseThrow().freeBytes()).isEqualTo(2_000_000);
    assertThat(assigner.pickOne(PIECE, Set.of(), null)).isEqualTo("only");
    assigner.releaseBytes("only", PIECE.minFreeBytes());
    assertThat(assigner.node("only").orElseThrow().freeBytes()).isEqualTo(2_000_000);
  }

  @Test
  void upsertMovesAndReclassifiesNodesAndRemoveForgetsThem() {
    Assigner assigner = assigner(17);
    assigner.upsert(node("a").in("eu", "a").build());
    assigner.upsert(node("b").in("eu", "b").build());

    assigner.upsert(node("a").in("us", "a").codecs("av1").build());
    assertThat(assigner.pickOne(Requirement.transcode("av1", 0), Set.of(), "us")).isEqualTo("a");
    assertThat(assigner.pickOne(PIECE, Set.of("b"), "eu")).isEqualTo("a");

    assertThat(assigner.remove("a")).isTrue();
    assertThat(assigner.remove("a")).isFalse();
    assertThat(assigner.size()).isEqualTo(1);
    assertThatThrownBy(() -> assigner.pickOne(Requirement.transcode("av1", 0), Set.of(), null))
        .isInstanceOf(InsufficientCapacityException.class);
    assertThat(assigner.pickOne(PIECE, Set.of(), null)).isEqualTo("b");
  }

  @Test
  void anUpsertWithTheSameKeysRefreshesLoadFromTheRegistry() {
    Assigner assigner = assigner(18);
    assigner.upsert(node("a").in("eu", "a").tasks(0, 4).build());
    assigner.pickOne(PIECE, Set.of(), null);

    assigner.upsert(node("a").in("eu", "a").tasks(4, 4).build());

    assertThat(assigner.node("a").orElseThrow().runningTasks()).isEqualTo(4);
    assertThatThrownBy(() -> assigner.pickOne(PIECE, Set.of(), null))
        .isInstanceOf(InsufficientCapacityException.class);
  }

  @Test
  void concurrentDecisionsNeverOverbookASlot() throws Exception {
    Assigner assigner = assigner(19);
    for (int i = 0; i < 200; i++) {
      assigner.upsert(node("n" + i).in("r" + (i % 8), "fd" + (i % 40)).tasks(0, 10).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      results.add(
          pool.submit(
              () -> {
                int placed = 0;
                try {
                  while (true) {
                    placed += assigner.place(PlacementRequest.of(PIECE, 5)).size();
                  }
                } catch (InsufficientCapacityException full) {
                  return placed;
                }
              }));
    }
    // Churn the index while decisions run: a node re-registers in another region.
    for (int i = 0; i < 200; i++) {
      assigner.upsert(node("late" + i).in("r" + (i % 3), "late-fd").tasks(0, 1).build());
    }
    int placed = 0;
    for (Future<Integer> result : results) {
      placed += result.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    int running = 0;
    for (int i = 0; i < 200; i++) {
      NodeSnapshot node = assigner.node("n" + i).orElseThrow();
      assertThat(node.runningTasks()).isLessThanOrEqualTo(10);
      running += node.runningTasks();
    }
    for (int i = 0; i < 200; i++) {
      running += assigner.node("late" + i).orElseThrow().runningTasks();
    }
    assertThat(running).isEqualTo(placed);
  }
}
