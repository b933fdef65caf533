package network.aioz.chain.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What errors and the public status API may say about the configured node. */
class ChainNodeTests {

  @Test
  void aNodeIsNamedBySchemeHostAndPortOnly() {
    assertThat(ChainNode.withoutSecrets("https://aioz.example.com/v3/0123secretkey?token=abc"))
        .isEqualTo("https://aioz.example.com");
    assertThat(ChainNode.withoutSecrets("https://user:pass@rpc.example:8545/key"))
        .isEqualTo("https://rpc.example:8545")
        .doesNotContain("pass");
    assertThat(ChainNode.withoutSecrets("http://127.0.0.1:8545"))
        .isEqualTo("http://127.0.0.1:8545");
  }

  @Test
  void somethingThatIsNoUrlIsNotRepeated() {
    assertThat(ChainNode.withoutSecrets("not a url with secret")).isEqualTo("the configured node");
    assertThat(ChainNode.withoutSecrets("secretonly")).isEqualTo("the configured node");
  }
}
