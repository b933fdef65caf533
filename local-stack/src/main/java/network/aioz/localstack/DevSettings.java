package network.aioz.localstack;

import java.util.Map;

/**
 * Development settings per service, on top of the connection settings the stack computes: short
 * epochs and quick vetting so a developer sees epochs seal and nodes become active within a minute.
 */
final class DevSettings {

  static final Map<String, Map<String, String>> ENV =
      Map.of(
          "ledger-service",
          Map.of(
              "LEDGER_EPOCH_LENGTH", "PT20S",
              "LEDGER_REPUTATION_VETTING_AUDITS", "3"),
          "gateway",
          Map.of(),
          "edge",
          Map.of());

  private DevSettings() {}
}
