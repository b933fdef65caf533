package network.aioz.deploy;

import static network.aioz.deploy.Manifests.describe;
import static network.aioz.deploy.Manifests.get;
import static network.aioz.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class HelmChartTests {

  static final Path EVERYTHING =
      Repository.ROOT.resolve("helm/src/test/resources/values-everything.yaml");
  static final String LONGEST_RELEASE =
      "a".repeat(19) + "-release-name-at-helms-limit-of-53"; // 53 chars

  static final String CHAIN_ADAPTER_ON =
      """
      chainAdapter:
        enabled: true
        rpcUrl: http://aioz-node:8545
        contracts:
          registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
      """;

  static String defaults;
  static String everything;

  @BeforeAll
  static void render() {
    defaults = Chart.render();
    everything = Chart.render(EVERYTHING);
  }

  static Stream<Named<Manifests>> renders() {
    return Stream.of(
        Named.of("defaults", Manifests.parse(defaults)),
        Named.of("everything on", Manifests.parse(everything)));
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = Chart.helm().lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void rendersOnlyThePlatformServicesByDefault() {
    Manifests manifests = Manifests.parse(defaults);

    assertThat(manifests.ofKind("Deployment").map(d -> (String) get(d, "metadata.name")))
        .containsExactlyInAnyOrder(
            "aioz-ledger-service",
            "aioz-storage-service",
            "aioz-proof-service",
            "aioz-identity-service",
            "aioz-webhook-service",
            "aioz-billing-service",
            "aioz-gateway");
    assertThat(manifests.ofKind("StatefulSet"))
        .as("no in-chart Kafka, PostgreSQL or edges")
        .isEmpty();
    assertThat(manifests.ofKind("Secret"))
        .as("credentials come from Secrets the operator creates")
        .isEmpty();
  }

  @Test
  void wiresServicesToExternalKafkaAndPostgresqlByDefault() {
    Map<String, Object> ledger = Manifests.parse(defaults).find("ConfigMap", "aioz-ledger-service");

    assertThat(Manifests.<String>get(ledger, "data.SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("kafka:9092");
    assertThat(Manifests.<String>get(ledger, "data.SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/ledger");
    assertThat(Manifests.<String>get(ledger, "data.LEDGER_EPOCH_LENGTH")).isEqualTo("PT1H");
    assertThat(Manifests.<String>get(ledger, "data.SERVER_PORT")).isEqualTo("8081");
  }

  @Test
  void pointsTheGatewayAtTheLedgerService() {
    Manifests manifests = Manifests.parse(defaults);
    Map<String, Object> ledgerService = manifests.find("Service", "aioz-ledger-service");
    int ledgerPort = (Integer) list(ledgerService, "spec.ports").getFirst().get("port");

    assertThat(
            Manifests.<String>get(manifests.find("ConfigMap", "aioz-gateway"), "data.LEDGER_URI"))
        .isEqualTo("http://aioz-ledger-service:" + ledgerPort);
  }

  @Test
  void wiresServicesToTheInChartKafkaAndPostgresqlWhenEnabled() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> ledger = manifests.find("ConfigMap", "aioz-ledger-service");
    manifests.find("Service", "aioz-kafka");
    manifests.find("Service", "aioz-postgresql");

    assertThat(Manifests.<String>get(ledger, "data.SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("aioz-kafka.aioz.svc:9092");
    assertThat(Manifests.<String>get(ledger, "data.SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://aioz-postgresql.aioz.svc:5432/ledger?sslmode=disable");
    assertThat(env(manifests.find("StatefulSet", "aioz-kafka")).get("KAFKA_ADVERTISED_LISTENERS"))
        .isEqualTo("PLAINTEXT://aioz-kafka.aioz.svc:9092");
    assertThat(env(manifests.find("StatefulSet", "aioz-postgresql")).get("POSTGRES_DATABASES"))
        .as("one database per enabled service")
        .satisfies(
            databases ->
                assertThat(databases.split("[ ,]+"))
                    .containsExactlyInAnyOrder(
                        "ledger",
                        "storage",
                        "proof",
                        "identity",
                        "webhook",
                        "billing",
                        "chain",
                        "gateway"));
    // The key holds a dot, so read it from the data map rather than through a dotted path.
    Map<String, Object> initData = get(manifests.find("ConfigMap", "aioz-postgresql-init"), "data");
    assertThat((String) initData.get("init-databases.sh")).contains("CREATE DATABASE");
  }

  @Test
  void referencesOnlySecretsItRendersWhenAskedToCreateThem() {
    Manifests manifests = Manifests.parse(everything);
    Set<String> secrets = new HashSet<>();
    manifests.ofKind("Secret").forEach(s -> secrets.add(get(s, "metadata.name")));

    manifests
        .workloads()
        .flatMap(w -> containers(w).stream())
        .flatMap(c -> list(c, "env").stream())
        .map(e -> Manifests.<String>get(e, "valueFrom.secretKeyRef.name"))
        .filter(name -> name != null)
        .forEach(name -> assertThat(secrets).as("Secret %s is rendered", name).contains(name));
    manifests
        .workloads()
        .flatMap(w -> containers(w).stream())
        .flatMap(c -> list(c, "envFrom").stream())
        .map(e -> Manifests.<String>get(e, "secretRef.name"))
        .filter(name -> name != null)
        .forEach(name -> assertThat(secrets).as("Secret %s is rendered", name).contains(name));
    assertThat(secrets)
        .containsExactlyInAnyOrder(
            "aioz-chain-committer-key",
            "aioz-identity",
            "aioz-postgresql-credentials",
            "aioz-storage-secrets",
            "aioz-tenant-auth-keys",
            "aioz-webhook-secrets-key");
  }

  @Test
  void pointsTheGatewayAtStorageAndProofServices() {
    Manifests manifests = Manifests.parse(defaults);
    Map<String, Object> gateway = manifests.find("ConfigMap", "aioz-gateway");

    assertThat(Manifests.<String>get(gateway, "data.STORAGE_URI"))
        .isEqualTo("http://aioz-storage-service:8082");
    assertThat(Manifests.<String>get(gateway, "data.PROOF_URI"))
        .isEqualTo("http://aioz-proof-service:8083");
  }

  @Test
  void givesStorageTheVectorModuleItsLedgerAndItsKeysFromASecret() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-storage-service");
    Map<String, Object> container =
        containers(manifests.find("Deployment", "aioz-storage-service")).getFirst();
    Map<String, Object> secret = manifests.find("Secret", "aioz-storage-secrets");

    assertThat(Manifests.<String>get(config, "data.JAVA_TOOL_OPTIONS"))
        .startsWith("-XX:MaxRAMPercentage=75")
        .endsWith("--add-modules=jdk.incubator.vector");
    assertThat(Manifests.<String>get(config, "data.STORAGE_LEDGERURL"))
        .isEqualTo("http://aioz-ledger-service:8081");
    assertThat(Manifests.<String>get(config, "data.STORAGE_ACTIVEMASTERKEY")).isEqualTo("k1");
    assertThat(list(container, "envFrom"))
        .extracting(e -> Manifests.<String>get(e, "secretRef.name"))
        .contains("aioz-storage-secrets");
    assertThat(Manifests.<String>get(config, "data.IDENTITY_URI"))
        .as("tenants' S3 keys are resolved through identity-service")
        .isEqualTo("http://aioz-identity-service:8084");
    assertThat(Manifests.<Map<String, Object>>get(secret, "stringData"))
        .containsOnlyKeys("STORAGE_MASTERKEYS_K1")
        .containsEntry("STORAGE_MASTERKEYS_K1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    assertThat(
            Manifests.<String>get(
                manifests.find("ConfigMap", "aioz-proof-service"), "data.PROOF_STORAGE_INTERVAL"))
        .isEqualTo("PT20S");
    assertThat(
            Manifests.<String>get(
                manifests.find("ConfigMap", "aioz-proof-service"), "data.JAVA_TOOL_OPTIONS"))
        .doesNotContain("vector");
  }

  @Test
  void givesTheGatewayItsOwnDatabaseTwoReplicasAndTheIdentityWebhookAndBillingRoutes() {
    Manifests manifests = Manifests.parse(defaults);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-gateway");
    Map<String, Object> deployment = manifests.find("Deployment", "aioz-gateway");
    Map<String, Object> identity = manifests.find("Service", "aioz-identity-service");
    Map<String, Object> webhook = manifests.find("Service", "aioz-webhook-service");
    Map<String, Object> billing = manifests.find("Service", "aioz-billing-service");

    assertThat(Manifests.<Integer>get(deployment, "spec.replicas")).isEqualTo(2);
    assertThat(Manifests.<String>get(config, "data.GATEWAY_DB_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/gateway");
    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .doesNotContainKeys("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS")
        .containsEntry("GATEWAY_RATE_LIMITS_ENABLED", "true")
        .containsEntry("GATEWAY_RATE_TENANT_CAPACITY", "1200")
        .containsEntry("GATEWAY_RATE_ANONYMOUS_PER_SECOND", "10")
        .doesNotContainKey("CONSOLE_ORIGINS");
    assertThat(Manifests.<String>get(config, "data.IDENTITY_URI"))
        .isEqualTo("http://aioz-identity-service:" + port(identity));
    assertThat(Manifests.<String>get(config, "data.WEBHOOK_URI"))
        .isEqualTo("http://aioz-webhook-service:" + port(webhook));
    assertThat(Manifests.<String>get(config, "data.BILLING_URI"))
        .isEqualTo("http://aioz-billing-service:" + port(billing));
    assertThat(port(billing)).isEqualTo(8086);
    assertThat(Manifests.<String>get(config, "data.CHAIN_URI"))
        .as("set even while chain-adapter is off: GET /v1/chain/** then answers 502, not 404")
        .isEqualTo("http://aioz-chain-adapter:8088");
    Map<String, Map<String, Object>> secretRefs = secretRefs(deployment);
    assertThat(secretRefs.get("GATEWAY_DB_USER"))
        .containsEntry("name", "aioz-postgresql-credentials")
        .containsEntry("key", "username");
    assertThat(secretRefs.get("GATEWAY_DB_PASSWORD"))
        .containsEntry("name", "aioz-postgresql-credentials")
        .containsEntry("key", "password");
    assertThat(secretRefs.get("PLATFORM_IDENTITY_PRIVATE_KEY"))
        .containsEntry("name", "aioz-identity")
        .containsEntry("key", "private-key.pem");
    assertThat(secretRefs).doesNotContainKeys("SPRING_DATASOURCE_USERNAME");
  }

  @Test
  void passesConsoleOriginsAndRateLimitsToTheGatewayAsGiven() {
    Map<String, Object> config = Manifests.parse(everything).find("ConfigMap", "aioz-gateway");

    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .containsEntry(
            "CONSOLE_ORIGINS", "https://console.example.com,https://staging-console.example.com")
        .as("a long capacity stays an integer, not 5e+06")
        .containsEntry("GATEWAY_RATE_TENANT_CAPACITY", "5000000")
        .containsEntry("GATEWAY_RATE_TENANT_PER_SECOND", "0.5")
        .containsEntry(
            "GATEWAY_DB_URL",
            "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/gateway?sslmode=disable");
  }

  @Test
  void givesIdentityServiceItsKeysFromSecretsAndTheSignInDomains() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-identity-service");
    Map<String, Object> deployment = manifests.find("Deployment", "aioz-identity-service");
    Map<String, Map<String, Object>> secretRefs = secretRefs(deployment);

    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .containsEntry("SERVER_PORT", "8084")
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/identity?sslmode=disable")
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "aioz-kafka.aioz.svc:9092")
        .containsEntry("IDENTITY_SIWE_DOMAINS", "api.example.com,console.example.com")
        .containsEntry("IDENTITY_SIWE_URIS", "https://console.example.com")
        .containsEntry("IDENTITY_SIWE_RPC_URL", "https://rpc.example.com")
        .doesNotContainKeys("IDENTITY_JWT_PRIVATE_KEY", "IDENTITY_S3_MASTER_KEY");
    assertThat(secretRefs.get("IDENTITY_JWT_PRIVATE_KEY"))
        .containsEntry("name", "aioz-tenant-auth-keys")
        .containsEntry("key", "jwt-private-key.pem");
    assertThat(secretRefs.get("IDENTITY_S3_MASTER_KEY"))
        .containsEntry("name", "aioz-tenant-auth-keys")
        .containsEntry("key", "s3-master-key");
    assertThat(secretRefs.get("PLATFORM_IDENTITY_PUBLIC_KEY"))
        .containsEntry("name", "aioz-identity");
    assertThat(secretRefs)
        .as("identity-service verifies internal tokens, it never signs them")
        .doesNotContainKey("PLATFORM_IDENTITY_PRIVATE_KEY");
    Map<String, String> data =
        Manifests.get(manifests.find("Secret", "aioz-tenant-auth-keys"), "data");
    assertThat(decode(data.get("s3-master-key")))
        .isEqualTo("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
    assertThat(decode(data.get("jwt-private-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

    Map<String, Object> byDefault =
        Manifests.parse(defaults).find("ConfigMap", "aioz-identity-service");
    assertThat(Manifests.<Map<String, Object>>get(byDefault, "data"))
        .as("the service's own defaults apply when no public host is configured")
        .doesNotContainKeys("IDENTITY_SIWE_DOMAINS", "IDENTITY_SIWE_URIS", "IDENTITY_SIWE_RPC_URL");
  }

  @Test
  void runsTheWebhookServiceAsAKafkaConsumerThatDeliversOnlyOverHttpsToPublicAddresses() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-webhook-service");

    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .containsEntry("SERVER_PORT", "8085")
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/webhook?sslmode=disable")
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "aioz-kafka.aioz.svc:9092")
        .containsEntry("WEBHOOK_DELIVERY_TIMEOUT", "PT10S")
        .containsEntry("WEBHOOK_DELIVERY_ALLOW_HTTP", "false")
        .containsEntry("WEBHOOK_DELIVERY_ALLOW_LOOPBACK", "false");
    assertThat(secretRefs(manifests.find("Deployment", "aioz-webhook-service")))
        .containsKeys(
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "PLATFORM_IDENTITY_PUBLIC_KEY")
        .doesNotContainKey("PLATFORM_IDENTITY_PRIVATE_KEY");
    assertThat(
            secretRefs(manifests.find("Deployment", "aioz-webhook-service"))
                .get("WEBHOOK_SECRETS_KEY"))
        .as("endpoints' signing secrets are sealed at rest under a key from a Secret")
        .containsEntry("name", "aioz-webhook-secrets-key")
        .containsEntry("key", "secrets-key");
    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .doesNotContainKey("WEBHOOK_SECRETS_KEY");
    Map<String, String> data =
        Manifests.get(manifests.find("Secret", "aioz-webhook-secrets-key"), "data");
    assertThat(decode(data.get("secrets-key")))
        .isEqualTo("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
  }

  @ParameterizedTest
  @CsvSource({
    "identityService, jwtPrivateKey",
    "webhookService, secretsKey",
  })
  void refusesToCreateAServiceSecretWithoutItsKey(String service, String key) throws IOException {
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(values, service + ":\n  secret:\n    create: true\n");

      assertThatThrownBy(() -> Chart.render(values))
          .hasMessageContaining(
              service + ".secret." + key + " is required when " + service + ".secret.create");
    } finally {
      Files.deleteIfExists(values);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "webhookService:\n  env:\n    WEBHOOK_DELIVERY_ALLOW_HTTP: \"true\"\n",
        "webhookService:\n  env:\n    WEBHOOK_DELIVERY_ALLOW_LOOPBACK: \"true\"\n",
        "webhookService:\n  extraEnv:\n    - name: WEBHOOK_DELIVERY_ALLOW_LOOPBACK\n      value: \"true\"\n"
      })
  void refusesToLetWebhookDeliveriesReachPlainHttpOrLoopback(String override) throws IOException {
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(values, override);

      assertThatThrownBy(() -> Chart.render(values))
          .hasMessageContaining("the chart keeps it false");
    } finally {
      Files.deleteIfExists(values);
    }
  }

  @Test
  void runsTheBillingServiceAsAKafkaConsumerWithDevelopmentTopUpsOff() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-billing-service");
    Map<String, Object> deployment = manifests.find("Deployment", "aioz-billing-service");

    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .containsEntry("SERVER_PORT", "8086")
        .as("the release's parameters, then billing's own batched inserts")
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/billing"
                + "?sslmode=disable&reWriteBatchedInserts=true")
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "aioz-kafka.aioz.svc:9092")
        .containsEntry("BILLING_HOLDS_SWEEPINTERVAL", "PT2S")
        .containsEntry("BILLING_DEV_TOPUPS_ENABLED", "false");
    assertThat(secretRefs(deployment))
        .containsOnlyKeys(
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "PLATFORM_IDENTITY_PUBLIC_KEY");
    assertThat(secretRefs(deployment).get("PLATFORM_IDENTITY_PUBLIC_KEY"))
        .containsEntry("name", "aioz-identity")
        .containsEntry("key", "public-key.pem");
    assertThat(Manifests.<Integer>get(deployment, "spec.replicas")).isEqualTo(2);

    Map<String, Object> byDefault =
        Manifests.parse(defaults).find("ConfigMap", "aioz-billing-service");
    assertThat(Manifests.<Map<String, Object>>get(byDefault, "data"))
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            "jdbc:postgresql://postgresql:5432/billing?reWriteBatchedInserts=true")
        .containsEntry("BILLING_DEV_TOPUPS_ENABLED", "false");
  }

  @Test
  void dropsTheBillingServiceItsDatabaseAndNothingElseWhenDisabled() throws IOException {
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(values, "billingService:\n  enabled: false\n");
      Manifests manifests = Manifests.parse(Chart.render(values));

      assertThat(manifests.documents())
          .noneMatch(d -> Manifests.<String>get(d, "metadata.name").contains("billing"));
      assertThat(manifests.ofKind("Deployment")).hasSize(6);
      Manifests withPostgresql = Manifests.parse(Chart.render(EVERYTHING, values));
      assertThat(
              env(withPostgresql.find("StatefulSet", "aioz-postgresql")).get("POSTGRES_DATABASES"))
          .doesNotContain("billing")
          .contains("webhook");
    } finally {
      Files.deleteIfExists(values);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "billingService:\n  env:\n    BILLING_DEV_TOPUPS_ENABLED: \"true\"\n",
        "billingService:\n  env:\n    BILLING_DEV_TOPUPSENABLED: \"true\"\n",
        "billingService:\n  env:\n    billing.dev.top-ups-enabled: \"true\"\n",
        "billingService:\n  extraEnv:\n    - name: BILLING_DEV_TOP_UPS_ENABLED\n      value: \"true\"\n",
        "billingService:\n  extraEnv:\n    - name: BILLING_DEV_TOPUPS_ENABLED\n      valueFrom:\n"
            + "        configMapKeyRef: {name: dev, key: top-ups}\n"
      })
  void refusesToTurnOnDevelopmentTopUps(String override) throws IOException {
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(values, override);

      assertThatThrownBy(() -> Chart.render(values))
          .hasMessageContaining("billingService.")
          .hasMessageContaining("the chart keeps it false");
    } finally {
      Files.deleteIfExists(values);
    }
  }

  @Test
  void runsTheChainAdapterAsOneRecreatedPodThatReadsItsCommitterKeyFromASecret() {
    Manifests manifests = Manifests.parse(everything);
    Map<String, Object> config = manifests.find("ConfigMap", "aioz-chain-adapter");
    Map<String, Object> deployment = manifests.find("Deployment", "aioz-chain-adapter");
    Map<String, Object> service = manifests.find("Service", "aioz-chain-adapter");

    assertThat(Manifests.<Map<String, Object>>get(config, "data"))
        .containsEntry("SERVER_PORT", "8088")
        .containsEntry(
            "CHAIN_DB_URL", "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/chain?sslmode=disable")
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "aioz-kafka.aioz.svc:9092")
        .containsEntry("CHAIN_RPC_URL", "https://rpc.example.com")
        .containsEntry("CHAIN_ID", "4102")
        .containsEntry("CHAIN_REGISTRY_ADDRESS", "0x5FbDB2315678afecb367f032d93F642f64180aa3")
        .containsEntry("CHAIN_DEPOSITS_ADDRESS", "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")
        .containsEntry("CHAIN_REWARDS_ADDRESS", "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0")
        .containsEntry("CHAIN_START_BLOCK", "1234567")
        .containsEntry("CHAIN_START_EPOCH", "0")
        .as("a fee cap given as a number stays an integer, not 2e+12")
        .containsEntry("CHAIN_MAX_FEE_PER_GAS", "2000000000000")
        .containsEntry("CHAIN_MAX_PRIORITY_FEE_PER_GAS", "10000000000")
        .containsEntry("CHAIN_REPLACE_AFTER", "PT1M")
        .containsEntry("CHAIN_POLL_INTERVAL", "PT2S")
        .containsEntry("CHAIN_CONFIRMATIONS", "1")
        .containsEntry("CHAIN_RECONCILE_INTERVAL", "PT10M")
        .containsEntry("LEDGER_URI", "http://aioz-ledger-service:8081")
        .containsEntry("BILLING_URI", "http://aioz-billing-service:8086")
        .doesNotContainKeys("CHAIN_COMMITTER_KEY", "SPRING_DATASOURCE_URL");
    assertThat(Manifests.<Integer>get(deployment, "spec.replicas")).isEqualTo(1);
    assertThat(Manifests.<Map<String, Object>>get(deployment, "spec.strategy"))
        .as("an old and a new pod never sign with the same key at once")
        .containsExactly(Map.entry("type", "Recreate"));
    assertThat(manifests.documents())
        .filteredOn(d -> "aioz-chain-adapter".equals(get(d, "metadata.name")))
        .extracting(d -> (String) d.get("kind"))
        .as("no autoscaler or disruption budget for a single writer")
        .containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service");
    Map<String, Map<String, Object>> secretRefs = secretRefs(deployment);
    assertThat(secretRefs)
        .as("chain-adapter's API is public: it needs no identity key")
        .containsOnlyKeys("CHAIN_DB_USER", "CHAIN_DB_PASSWORD", "CHAIN_COMMITTER_KEY");
    assertThat(secretRefs.get("CHAIN_COMMITTER_KEY"))
        .containsEntry("name", "aioz-chain-committer-key")
        .containsEntry("key", "committer-key");
    Map<String, String> data =
        Manifests.get(manifests.find("Secret", "aioz-chain-committer-key"), "data");
    assertThat(decode(data.get("committer-key")))
        .isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    assertThat(Manifests.<String>get(manifests.find("ConfigMap", "aioz-gateway"), "data.CHAIN_URI"))
        .isEqualTo("http://aioz-chain-adapter:" + port(service));
  }

  @Test
  void readsTheCommitterKeyFromTheOperatorsOwnSecretAndRendersNoneItself() throws IOException {
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(
          values,
          CHAIN_ADAPTER_ON
              + "  committerKeySecret:\n    name: settlement-keys\n    key: committer.hex\n");
      Manifests manifests = Manifests.parse(Chart.render(values));

      assertThat(secretRefs(manifests.find("Deployment", "aioz-chain-adapter")))
          .extractingByKey("CHAIN_COMMITTER_KEY")
          .isEqualTo(Map.of("name", "settlement-keys", "key", "committer.hex"));
      assertThat(manifests.ofKind("Secret")).isEmpty();
      assertThat(
              Manifests.<Map<String, Object>>get(
                  manifests.find("ConfigMap", "aioz-chain-adapter"), "data"))
          .containsEntry("CHAIN_ID", "168")
          .containsEntry("CHAIN_DEPOSITS_ADDRESS", "")
          .containsEntry("CHAIN_MAX_FEE_PER_GAS", "500000000000");
    } finally {
      Files.deleteIfExists(values);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "rpcUrl: ''| chainAdapter.rpcUrl",
        "contracts: {registry: ''}| chainAdapter.contracts.registry must be",
        "contracts: {registry: '0x1234'}| chainAdapter.contracts.registry must be",
        "contracts: {deposits: 'deposits'}| chainAdapter.contracts.deposits must be",
        "replicas: 2| chainAdapter runs exactly one pod",
        "autoscaling: {enabled: true}| chainAdapter runs exactly one pod",
        "env: {CHAIN_COMMITTER_KEY: '0xab'}| never from the ConfigMap",
        "env: {chain.committer-key: '0xab'}| never from the ConfigMap",
        "fees: {maxFeePerGas: '5 gwei'}| chainAdapter.fees.maxFeePerGas must be a whole number",
        "committerKeySecret: {create: true}| chainAdapter.committerKeySecret.committerKey is"
            + " required"
      })
  void refusesAChainAdapterThatCouldNotSettleSafely(String override, String message)
      throws IOException {
    Path base = Files.createTempFile("values-", ".yaml");
    Path values = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(base, CHAIN_ADAPTER_ON);
      Files.writeString(values, "chainAdapter:\n  " + override + "\n");

      assertThat(Chart.render(base)).contains("aioz-chain-adapter");
      assertThatThrownBy(() -> Chart.render(base, values)).hasMessageContaining(message);
    } finally {
      Files.deleteIfExists(base);
      Files.deleteIfExists(values);
    }
  }

  @Test
  void printsNoSecretValueInTheReleaseNotes() throws IOException {
    String notes = Files.readString(Repository.CHART.resolve("templates/NOTES.txt"));

    assertThat(notes)
        .contains("chainAdapter.committerKeySecret.key")
        .doesNotContain(
            "committerKeySecret.committerKey",
            "auth.password",
            "identity.privateKey",
            "secret.jwtPrivateKey",
            "secret.s3MasterKey",
            "secret.secretsKey",
            "secret.masterKeys");
  }

  @ParameterizedTest
  @MethodSource("renders")
  void keepsKeysAndPasswordsOutOfConfigMapsAndReadsThemThroughSecretKeyRefs(Manifests manifests) {
    Pattern secretName =
        Pattern.compile(".*(PRIVATE_KEY|MASTER_KEY|MASTERKEYS_|COMMITTER_KEY|PASSWORD|SECRET).*");
    manifests
        .ofKind("ConfigMap")
        .forEach(
            config -> {
              Map<String, Object> data = get(config, "data");
              assertThat(data.keySet())
                  .as("%s holds no secret", describe(config))
                  .noneMatch(key -> secretName.matcher(key).matches());
            });
    manifests
        .ofKind("Deployment")
        .forEach(
            deployment -> {
              List<Map<String, Object>> env = list(containers(deployment).getFirst(), "env");
              assertThat(env)
                  .as(describe(deployment))
                  .filteredOn(e -> secretName.matcher((String) e.get("name")).matches())
                  .isNotEmpty()
                  .allSatisfy(
                      e ->
                          assertThat(Manifests.<Object>get(e, "valueFrom.secretKeyRef.key"))
                              .as("%s %s", describe(deployment), e.get("name"))
                              .isNotNull());
            });
  }

  @Test
  void runsEdgeNodesWithStableIdentityAndStorage() {
    Map<String, Object> edges = Manifests.parse(everything).find("StatefulSet", "aioz-edge-node");
    Map<String, String> env = env(edges);

    assertThat(env.get("EDGE_LEDGER_URL")).isEqualTo("http://aioz-ledger-service:8081");
    assertThat(env.get("EDGE_PUBLIC_URL"))
        .isEqualTo("http://$(POD_NAME).aioz-edge-node.aioz.svc:9000");
    assertThat(env).containsKeys("EDGE_REGION", "EDGE_PORT", "EDGE_DATA_DIR", "EDGE_QUOTA_BYTES");
    assertThat(list(edges, "spec.volumeClaimTemplates"))
        .extracting(v -> Manifests.<String>get(v, "metadata.name"))
        .containsExactly("data");
    assertThat(list(containers(edges).getFirst(), "volumeMounts"))
        .anyMatch(m -> env.get("EDGE_DATA_DIR").equals(m.get("mountPath")));
  }

  @ParameterizedTest
  @MethodSource("renders")
  void hardensAndProbesEveryWorkload(Manifests manifests) {
    assertThat(manifests.workloads()).isNotEmpty();
    manifests
        .workloads()
        .forEach(
            workload -> {
              String what = describe(workload);
              Map<String, Object> pod = get(workload, "spec.template.spec");
              assertThat(Manifests.<Boolean>get(pod, "securityContext.runAsNonRoot"))
                  .as(what)
                  .isTrue();
              assertThat(Manifests.<String>get(pod, "securityContext.seccompProfile.type"))
                  .as(what)
                  .isEqualTo("RuntimeDefault");
              assertThat(Manifests.<Boolean>get(pod, "automountServiceAccountToken"))
                  .as(what)
                  .isFalse();
              Set<String> emptyDirs = new HashSet<>();
              list(pod, "volumes").stream()
                  .filter(v -> v.containsKey("emptyDir"))
                  .forEach(v -> emptyDirs.add((String) v.get("name")));
              for (Map<String, Object> container : containers(workload)) {
                String where = what + " container " + container.get("name");
                assertThat(
                        Manifests.<Boolean>get(container, "securityContext.readOnlyRootFilesystem"))
                    .as(where)
                    .isTrue();
                assertThat(
                        Manifests.<Boolean>get(
                            container, "securityContext.allowPrivilegeEscalation"))
                    .as(where)
                    .isFalse();
                assertThat(
                        Manifests.<List<String>>get(container, "securityContext.capabilities.drop"))
                    .as(where)
                    .containsExactly("ALL");
                assertThat(container)
                    .as(where)
                    .containsKeys("livenessProbe", "readinessProbe", "startupProbe");
                if ("Deployment".equals(workload.get("kind"))) {
                  assertThat(Manifests.<String>get(container, "livenessProbe.httpGet.path"))
                      .as(where)
                      .isEqualTo("/actuator/health/liveness");
                  assertThat(Manifests.<String>get(container, "readinessProbe.httpGet.path"))
                      .as(where)
                      .isEqualTo("/actuator/health/readiness");
                  assertThat(Manifests.<Object>get(container, "livenessProbe.httpGet.port"))
                      .as(where)
                      .isEqualTo("http");
                }
                assertThat(Manifests.<Object>get(container, "resources.requests.memory"))
                    .as(where)
                    .isNotNull();
                assertThat(Manifests.<Object>get(container, "resources.limits.memory"))
                    .as(where)
                    .isNotNull();
                assertThat(list(container, "volumeMounts"))
                    .as(where + " has a writable /tmp")
                    .anyMatch(
                        m ->
                            "/tmp".equals(m.get("mountPath")) && emptyDirs.contains(m.get("name")));
              }
            });
  }

  @Test
  void rollsDeploymentsWhenTheirSettingsChange() throws IOException {
    Path changed = Files.createTempFile("values-", ".yaml");
    try {
      Files.writeString(changed, "ledgerService:\n  env:\n    LEDGER_EPOCH_LENGTH: PT5M\n");
      String before = checksum(Manifests.parse(defaults), "aioz-ledger-service");
      assertThat(before).matches("[0-9a-f]{64}");
      Manifests after = Manifests.parse(Chart.render(changed));

      assertThat(checksum(after, "aioz-ledger-service")).isNotEqualTo(before);
      assertThat(checksum(after, "aioz-gateway"))
          .isEqualTo(checksum(Manifests.parse(defaults), "aioz-gateway"));
    } finally {
      Files.deleteIfExists(changed);
    }
  }

  @Test
  void tagsPlatformImagesWithTheChartAppVersion() throws IOException {
    Map<String, Object> chart =
        new Yaml().load(Files.readString(Repository.CHART.resolve("Chart.yaml")));
    String appVersion = String.valueOf(chart.get("appVersion"));

    assertThat(Manifests.parse(defaults).workloads().flatMap(w -> containers(w).stream()))
        .extracting(c -> (String) c.get("image"))
        .containsExactlyInAnyOrder(
            "aioz/ledger-service:" + appVersion,
            "aioz/storage-service:" + appVersion,
            "aioz/proof-service:" + appVersion,
            "aioz/identity-service:" + appVersion,
            "aioz/webhook-service:" + appVersion,
            "aioz/billing-service:" + appVersion,
            "aioz/gateway:" + appVersion);
    assertThat(Manifests.parse(everything).find("StatefulSet", "aioz-edge-node"))
        .satisfies(
            e ->
                assertThat((String) containers(e).getFirst().get("image"))
                    .isEqualTo("registry.example.com/aioz/edge-node:" + appVersion));
  }

  @ParameterizedTest
  @MethodSource("renders")
  void labelsEveryResourceAndSelectsOnlyItsOwnPods(Manifests manifests) {
    List<String> recommended =
        List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by",
            "app.kubernetes.io/part-of",
            "helm.sh/chart");
    for (Map<String, Object> document : manifests.documents()) {
      Map<String, String> labels = get(document, "metadata.labels");
      assertThat(labels).as(describe(document)).containsKeys(recommended.toArray(String[]::new));
    }
    manifests
        .workloads()
        .forEach(
            w -> {
              Map<String, String> podLabels = get(w, "spec.template.metadata.labels");
              Map<String, String> selector = get(w, "spec.selector.matchLabels");
              assertThat(podLabels)
                  .as(describe(w))
                  .containsKeys(recommended.toArray(String[]::new));
              assertThat(podLabels).as(describe(w)).containsAllEntriesOf(selector);
            });
    manifests
        .ofKind("Service")
        .forEach(
            service -> {
              Map<String, String> selector = get(service, "spec.selector");
              assertThat(manifests.workloads())
                  .as("%s selects exactly one workload's pods", describe(service))
                  .filteredOn(
                      w ->
                          Manifests.<Map<String, String>>get(w, "spec.template.metadata.labels")
                              .entrySet()
                              .containsAll(selector.entrySet()))
                  .hasSize(1);
            });
  }

  @Test
  void cutsNamesAndLabelsTo63CharactersWithTheLongestReleaseName() {
    assertThat(LONGEST_RELEASE).hasSize(53);
    Manifests manifests = Manifests.parse(Chart.render(LONGEST_RELEASE, EVERYTHING));
    Set<String> kindAndName = new HashSet<>();

    for (Map<String, Object> document : manifests.documents()) {
      String name = get(document, "metadata.name");
      assertThat(name).as(describe(document)).hasSizeLessThanOrEqualTo(63).doesNotEndWith("-");
      assertThat(kindAndName.add(document.get("kind") + "/" + name))
          .as("unique " + describe(document))
          .isTrue();
      Map<String, String> labels = get(document, "metadata.labels");
      labels
          .values()
          .forEach(v -> assertThat(v).as(describe(document)).hasSizeLessThanOrEqualTo(63));
    }
  }

  @Test
  void refusesToCreateSecretsWithoutTheirValues() {
    Path values =
        Repository.ROOT.resolve("helm/src/test/resources/values-secret-without-password.yaml");

    assertThatThrownBy(() -> Chart.render(values))
        .hasMessageContaining(
            "postgresql.auth.password is required when postgresql.auth.createSecret");
  }

  @Test
  void rendersManifestsThatMatchTheKubernetesSchemas() {
    SchemaValidator.assertValid(defaults + "\n---\n" + everything);
  }

  @Test
  void theSchemaCheckRejectsAnInvalidManifest() {
    String invalid =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: broken}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers: [{name: c, image: i, ports: [{containerPort: http}]}]
        """;

    assertThatThrownBy(() -> SchemaValidator.assertValid(invalid))
        .hasMessageContaining("containerPort must be integer");
  }

  static Map<String, String> env(Map<String, Object> workload) {
    Map<String, String> env = new java.util.TreeMap<>();
    for (Map<String, Object> entry : list(containers(workload).getFirst(), "env")) {
      env.put((String) entry.get("name"), (String) entry.get("value"));
    }
    return env;
  }

  static int port(Map<String, Object> service) {
    return (Integer) list(service, "spec.ports").getFirst().get("port");
  }

  /** The secretKeyRef of every env entry of a workload's first container, by variable name. */
  static Map<String, Map<String, Object>> secretRefs(Map<String, Object> workload) {
    Map<String, Map<String, Object>> refs = new java.util.TreeMap<>();
    for (Map<String, Object> entry : list(containers(workload).getFirst(), "env")) {
      Map<String, Object> ref = get(entry, "valueFrom.secretKeyRef");
      if (ref != null) {
        refs.put((String) entry.get("name"), ref);
      }
    }
    return refs;
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return list(workload, "spec.template.spec.containers");
  }

  static String checksum(Manifests manifests, String deployment) {
    Map<String, String> annotations =
        get(manifests.find("Deployment", deployment), "spec.template.metadata.annotations");
    return annotations.get("checksum/config");
  }
}
