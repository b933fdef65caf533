package network.aioz.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IoThreadsTests {

  @Test
  void oneEventLoopPerCpuUnlessConfigured() {
    assertThat(GatewayApplication.ioThreads(null, null, 2)).isEqualTo("2");
    assertThat(GatewayApplication.ioThreads(null, " ", 1)).isEqualTo("1");
    assertThat(GatewayApplication.ioThreads(null, "1", 8)).isEqualTo("1");
    assertThat(GatewayApplication.ioThreads("3", "1", 8)).as("the property wins").isEqualTo("3");
  }

  @Test
  void aBadSettingStopsStartupAndSaysWhy() {
    assertThatThrownBy(() -> GatewayApplication.ioThreads(null, "0", 2))
        .hasMessageContaining("GATEWAY_IO_THREADS")
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> GatewayApplication.ioThreads(null, "four", 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
