package network.aioz.chain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The committer key is never shown: not by the key, the settings, or an error about either. */
class CommitterKeyTests {

  private static final String KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @Test
  void theKeyShowsOnlyItsAddress() {
    CommitterKey key = CommitterKey.of(KEY);
    assertThat(key.address()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(key.toString()).doesNotContain(KEY.substring(2)).contains(key.address());
  }

  @Test
  void theSettingsHideTheKey() {
    ChainSettings settings =
        new ChainSettings(
            "http://127.0.0.1:8545",
            31337,
            KEY,
            new ChainSettings.Contracts(null, null, null),
            new ChainSettings.Fees(BigInteger.ONE, BigInteger.ONE, Duration.ofMinutes(1), 20, 25),
            Duration.ofSeconds(2),
            1,
            new ChainSettings.Logs(0, 2000),
            new ChainSettings.Settlement(0),
            Duration.ofMinutes(10),
            100_000,
            "http://ledger",
            "http://billing");
    assertThat(settings.toString()).doesNotContain(KEY.substring(2)).contains("(hidden)");
  }

  @Test
  void aBadKeyIsRefusedWithoutEchoingIt() {
    String almost = KEY.substring(0, 60) + "zz";
    assertThatThrownBy(() -> CommitterKey.of(almost))
        .hasMessageContaining("chain.committer-key")
        .hasMessageNotContaining(almost.substring(2, 40));
    assertThatThrownBy(() -> CommitterKey.of(" ")).hasMessageContaining("CHAIN_COMMITTER_KEY");
    assertThatThrownBy(() -> CommitterKey.of("0x" + "0".repeat(64))).hasMessageContaining("zero");
  }
}
