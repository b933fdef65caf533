package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EdgeLayoutTests {

  @Test
  void fourteenEdgesSpreadOverFiveRegionsAndTwoFaultDomainsEach() {
    List<EdgeLayout.Placement> edges = EdgeLayout.of(14);

    assertThat(edges).extracting(EdgeLayout.Placement::name).first().isEqualTo("edge-01");
    assertThat(edges).extracting(EdgeLayout.Placement::name).last().isEqualTo("edge-14");
    Map<String, Long> perRegion =
        edges.stream()
            .collect(Collectors.groupingBy(EdgeLayout.Placement::region, Collectors.counting()));
    assertThat(perRegion)
        .containsOnlyKeys("us-east", "eu-west", "ap-southeast", "sa-east", "af-south");
    assertThat(perRegion.values()).allMatch(count -> count >= 2 && count <= 3);
    assertThat(edges)
        .allMatch(
            edge ->
                edge.faultDomain().equals(edge.region() + "-a")
                    || edge.faultDomain().equals(edge.region() + "-b"));
    assertThat(
            edges.stream()
                .filter(edge -> edge.region().equals("us-east"))
                .map(EdgeLayout.Placement::faultDomain)
                .distinct())
        .containsExactlyInAnyOrder("us-east-a", "us-east-b");
  }

  @Test
  void fewEdgesUseTheFourMainRegionsOnly() {
    assertThat(EdgeLayout.of(12))
        .extracting(EdgeLayout.Placement::region)
        .doesNotContain("af-south")
        .containsOnly("us-east", "eu-west", "ap-southeast", "sa-east");
    assertThat(EdgeLayout.of(3))
        .extracting(EdgeLayout.Placement::region)
        .containsExactly("us-east", "eu-west", "ap-southeast");
  }

  @Test
  void namesAreUnique() {
    List<EdgeLayout.Placement> edges = EdgeLayout.of(40);
    assertThat(
            edges.stream()
                .collect(Collectors.toMap(EdgeLayout.Placement::name, Function.identity()))
                .size())
        .isEqualTo(40);
  }
}
