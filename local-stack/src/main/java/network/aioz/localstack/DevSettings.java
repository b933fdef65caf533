package network.aioz.localstack;

import java.util.Map;

/**
 * Development settings per service, on top of the connection settings the stack computes: short
 * epochs, quick vetting and frequent storage proofs so a developer sees epochs seal, pieces proven
 * and nodes become active within a minute. (A piece's first challenge follows its upload within
 * seconds; after that every 15 minutes: at every 2 minutes, the 11 GiB a few benchmark runs leave
 * on the edges meant some 60 challenges a second, each reading and hashing a whole piece.)
 */
final class DevSettings {

  static final Map<String, Map<String, String>> ENV =
      Map.of(
          // Idle pools keep every connection open: a PostgreSQL backend is ~17 MiB RSS, and the
          // ledger's and the gateway's 16 each were 32 backends (530 MiB) doing nothing. Pools
          // still
          // grow to their maximum under load.
          "ledger-service",
          Map.of(
              "LEDGER_EPOCH_LENGTH", "PT20S",
              "LEDGER_REPUTATION_VETTING_AUDITS", "3",
              "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "4"),
          "storage-service",
          Map.of("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2"),
          "proof-service",
          Map.of(
              "PROOF_STORAGE_INTERVAL", "PT15M",
              "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2"),
          "identity-service",
          Map.of("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2"),
          "webhook-service",
          Map.of("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2"),
          // development top-ups (POST /v1/billing/dev/top-ups) give local tenants something to
          // spend
          "billing-service",
          Map.of(
              "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2",
              "BILLING_DEV_TOPUPS_ENABLED", "true"),
          // every local client (scripts, tests, benchmarks) comes from 127.0.0.1: one anonymous
          // bucket. One event loop: the gateway shares the machine's cores with a dozen JVMs,
          // and a single loop serves the client and the upstream side of a request without a
          // hand-over between threads (measured: added p99 at 1,000 req/s 0.0–2.0 ms against
          // 0.7–2.3 ms with one loop per core; benchmarks/README.md).
          "gateway",
          Map.of(
              "GATEWAY_RATE_ANONYMOUS_CAPACITY", "5000",
              "GATEWAY_RATE_ANONYMOUS_PER_SECOND", "2000",
              "GATEWAY_IO_THREADS", "1",
              "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "4"),
          // a commit per sealed epoch (20 s here) needs the chain looked at often; reconciliation
          // every minute shows a developer its report soon
          "chain-adapter",
          Map.of(
              "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "2",
              "CHAIN_POLL_INTERVAL", "PT1S",
              "CHAIN_RECONCILE_INTERVAL", "PT1M"),
          "edge",
          // store tasks are short transfers: many can run at once on a developer's edges
          Map.of("EDGE_MAX_TASKS", "64"));

  private DevSettings() {}
}
