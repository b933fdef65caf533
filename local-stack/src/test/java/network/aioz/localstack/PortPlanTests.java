package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlanTests {

  @Test
  void wellKnownPortsAreTheDocumentedOnes() {
    PortPlan plan = PortPlan.wellKnown(3);
    assertThat(plan.gateway()).isEqualTo(8080);
    assertThat(plan.ledger()).isEqualTo(8081);
    assertThat(plan.storage()).isEqualTo(8082);
    assertThat(plan.proof()).isEqualTo(8083);
    assertThat(plan.postgres()).isEqualTo(55432);
    assertThat(plan.kafka()).isEqualTo(59092);
    assertThat(plan.kafkaController()).isEqualTo(59093);
    assertThat(plan.chainAdapter()).isEqualTo(8088);
    assertThat(plan.anvil()).isEqualTo(8545);
    assertThat(plan.edges()).containsExactly(9001, 9002, 9003);
  }

  @Test
  void freePortsAreDistinct() {
    PortPlan plan = PortPlan.free(5);
    Set<Integer> all =
        new HashSet<>(
            List.of(
                plan.postgres(),
                plan.kafka(),
                plan.kafkaController(),
                plan.ledger(),
                plan.storage(),
                plan.proof(),
                plan.identity(),
                plan.webhook(),
                plan.billing(),
                plan.gateway(),
                plan.chainAdapter(),
                plan.anvil()));
    all.addAll(plan.edges());
    assertThat(all).hasSize(17);
  }

  @Test
  void reportsPortsSomeoneListensOn() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      PortPlan plan = PortPlan.free(1);
      PortPlan clashing =
          new PortPlan(
              taken.getLocalPort(),
              plan.kafka(),
              plan.kafkaController(),
              plan.ledger(),
              plan.storage(),
              plan.proof(),
              plan.identity(),
              plan.webhook(),
              plan.billing(),
              plan.gateway(),
              plan.chainAdapter(),
              plan.anvil(),
              plan.edges());
      assertThat(clashing.busy()).containsExactly(taken.getLocalPort());
    }
  }
}
