package network.aioz.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeConfigTests {

  private static final Map<String, String> REQUIRED_ENV =
      Map.of("EDGE_LEDGER_URL", "http://ledger:8080", "EDGE_REGION", "eu-west");

  @Test
  void defaultsApplyWhenOnlyTheRequiredSettingsAreGiven() {
    EdgeConfig config = EdgeConfig.parse(new String[0], REQUIRED_ENV);

    assertThat(config.ledgerUrl()).isEqualTo(URI.create("http://ledger:8080"));
    assertThat(config.faultDomain()).isEqualTo("eu-west");
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.bind()).isEqualTo("0.0.0.0");
    assertThat(config.publicUrl()).isNull();
    assertThat(config.quotaBytes()).isEqualTo(10L << 30);
    assertThat(config.dataDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".aioz-edge").toAbsolutePath());
    assertThat(config.codecs()).isEmpty();
    assertThat(config.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.gpus()).isZero();
    assertThat(config.maxTasks()).isEqualTo(8);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.storeTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aFlagWinsOverItsEnvironmentVariable() {
    Map<String, String> env =
        Map.of(
            "EDGE_LEDGER_URL", "http://ledger:8080",
            "EDGE_REGION", "eu-west",
            "EDGE_PORT", "9100",
            "EDGE_QUOTA", "1GiB");

    EdgeConfig config =
        EdgeConfig.parse(
            new String[] {"--port", "9200", "--region=us-east", "--runtimes", "onnx,,tflite "},
            env);

    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.region()).isEqualTo("us-east");
    assertThat(config.faultDomain()).isEqualTo("us-east");
    assertThat(config.quotaBytes()).isEqualTo(1L << 30);
    assertThat(config.runtimes()).isEqualTo(List.of("onnx", "tflite"));
  }

  @Test
  void readsSizesInBinaryAndDecimalUnits() {
    assertThat(EdgeConfig.size("500MiB")).isEqualTo(500L << 20);
    assertThat(EdgeConfig.size("2 GB")).isEqualTo(2_000_000_000L);
    assertThat(EdgeConfig.size("1024")).isEqualTo(1024);
    assertThatThrownBy(() -> EdgeConfig.size("ten gigs"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesWhatIsMissingOrWrong() {
    assertThatThrownBy(() -> EdgeConfig.parse(new String[0], Map.of("EDGE_REGION", "x")))
        .hasMessageContaining("--ledger-url");
    assertThatThrownBy(() -> EdgeConfig.parse(new String[] {"--colour", "red"}, REQUIRED_ENV))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(
            () -> EdgeConfig.parse(new String[] {"--poll-interval", "soon"}, REQUIRED_ENV))
        .hasMessageContaining("--poll-interval");
    assertThat(EdgeConfig.usage()).contains("--ledger-url", "EDGE_LEDGER_URL", "--store-timeout");
  }
}
