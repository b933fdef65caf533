package network.aioz.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContractsTests {

  @Test
  void theBuildPutsEachContractsAbiAndBytecodeOnTheClasspath() {
    for (String name :
        new String[] {
          Contracts.SETTLEMENT_REGISTRY, Contracts.REWARDS_DISTRIBUTOR, Contracts.TENANT_DEPOSITS
        }) {
      Contracts.Compiled compiled = Contracts.load(name);
      assertThat(compiled.abiJson()).startsWith("[").contains("\"type\":\"function\"");
      assertThat(compiled.deployData()).matches("0x60[0-9a-f]{1000,}");
    }
    assertThat(Contracts.abi(Contracts.SETTLEMENT_REGISTRY))
        .contains("\"name\":\"commitEpoch\"", "\"name\":\"EpochAlreadyCommitted\"");
  }

  @Test
  void unknownOrOddNamesAreRefused() {
    assertThatThrownBy(() -> Contracts.load("NoSuchContract"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contracts/NoSuchContract.abi");
    assertThatThrownBy(() -> Contracts.abi("../secret"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
