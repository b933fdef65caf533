package network.aioz.deploy;

import static network.aioz.deploy.Manifests.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine where the tests run, so docker-compose.yml and the Dockerfiles are
 * checked by reading them: structure, wiring between services, and the files they reference.
 */
class DockerComposeTests {

  static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Repository.COMPOSE));
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void runsTheInfrastructureThePlatformAndThreeEdgesInDifferentRegions() {
    assertThat(services)
        .containsKeys(
            "kafka",
            "postgresql",
            "ledger-service",
            "storage-service",
            "proof-service",
            "identity-service",
            "webhook-service",
            "billing-service",
            "chain-adapter",
            "gateway");
    assertThat(Manifests.<String>get(services.get("kafka"), "image")).startsWith("apache/kafka:");
    assertThat(Manifests.<String>get(services.get("postgresql"), "image")).isEqualTo("postgres:18");

    Set<String> regions = new HashSet<>();
    services.values().stream()
        .filter(s -> "docker/edge-node.Dockerfile".equals(get(s, "build.dockerfile")))
        .forEach(s -> regions.add(environment(s).get("EDGE_REGION")));
    assertThat(regions).hasSizeGreaterThanOrEqualTo(3).doesNotContainNull();
  }

  @Test
  void givesEveryServiceAnImageOrABuildOfAnExistingDockerfile() {
    services.forEach(
        (name, service) -> {
          assertThat(service.containsKey("image") || service.containsKey("build"))
              .as(name)
              .isTrue();
          String dockerfile = get(service, "build.dockerfile");
          if (dockerfile != null) {
            assertThat(Repository.ROOT.resolve(dockerfile)).as(name).exists();
            assertThat(Manifests.<String>get(service, "build.context")).as(name).isEqualTo(".");
          }
        });
  }

  @Test
  void buildsSpringServicesFromTheirModulesExecutableJar() {
    services.forEach(
        (name, service) -> {
          if ("docker/spring-service.Dockerfile".equals(get(service, "build.dockerfile"))) {
            String jar = get(service, "build.args.JAR");
            assertThat(jar)
                .as(name)
                .matches("(services/)?" + name + "/target/" + name + "-[^/]+-exec\\.jar");
            assertThat(Repository.ROOT.resolve(jar).getParent().getParent().resolve("pom.xml"))
                .as("%s builds a module of this repository", name)
                .exists();
          }
        });
  }

  @Test
  void publishesEachServicesOwnPortOnADistinctHostPort() {
    Set<String> hostPorts = new HashSet<>();
    services.forEach(
        (name, service) -> {
          List<String> ports = get(service, "ports");
          assertThat(ports).as(name).isNotEmpty();
          for (String mapping : ports) {
            assertThat(mapping).as(name).matches("\\d+:\\d+");
            assertThat(hostPorts.add(mapping.split(":")[0]))
                .as("host port of %s is free", name)
                .isTrue();
          }
          Map<String, String> env = environment(service);
          String own = env.getOrDefault("SERVER_PORT", env.get("EDGE_PORT"));
          if (own != null) {
            assertThat(ports).as(name).anyMatch(p -> p.endsWith(":" + own));
          }
        });
  }

  @Test
  void startsServicesOnlyAfterTheirHealthyDependencies() {
    services.forEach(
        (name, service) -> {
          assertThat(Manifests.<Object>get(service, "healthcheck.test")).as(name).isNotNull();
          Map<String, Map<String, Object>> dependsOn = get(service, "depends_on");
          if (dependsOn == null) {
            return;
          }
          dependsOn.forEach(
              (dependency, condition) -> {
                assertThat(services)
                    .as("%s depends on a defined service", name)
                    .containsKey(dependency);
                assertThat(condition.get("condition"))
                    .as(name + " -> " + dependency)
                    .isEqualTo("service_healthy");
              });
        });
    assertThat(dependencies("ledger-service")).containsExactlyInAnyOrder("postgresql", "kafka");
    assertThat(dependencies("storage-service"))
        .containsExactlyInAnyOrder("postgresql", "kafka", "ledger-service", "identity-service");
    assertThat(dependencies("proof-service")).containsExactlyInAnyOrder("postgresql", "kafka");
    assertThat(dependencies("identity-service")).containsExactlyInAnyOrder("postgresql", "kafka");
    assertThat(dependencies("webhook-service")).containsExactlyInAnyOrder("postgresql", "kafka");
    assertThat(dependencies("billing-service")).containsExactlyInAnyOrder("postgresql", "kafka");
    assertThat(dependencies("chain-adapter"))
        .containsExactlyInAnyOrder("postgresql", "kafka", "ledger-service", "billing-service");
    assertThat(dependencies("gateway"))
        .containsExactlyInAnyOrder(
            "postgresql",
            "ledger-service",
            "storage-service",
            "proof-service",
            "identity-service",
            "webhook-service",
            "billing-service");
  }

  @Test
  void wiresServicesByComposeServiceNames() {
    Map<String, String> ledger = environment(services.get("ledger-service"));
    assertThat(hostAndPort(ledger.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))).isEqualTo("kafka:9092");
    assertThat(ledger.get("SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/ledger");
    assertThat(ledger)
        .containsKeys(
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "PLATFORM_IDENTITY_PUBLIC_KEY");

    URI ledgerUri = URI.create(environment(services.get("gateway")).get("LEDGER_URI"));
    assertThat(ledgerUri.getHost()).isEqualTo("ledger-service");
    assertThat(String.valueOf(ledgerUri.getPort())).isEqualTo(ledger.get("SERVER_PORT"));

    services.forEach(
        (name, service) -> {
          String edgeLedger = environment(service).get("EDGE_LEDGER_URL");
          if (edgeLedger != null) {
            assertThat(services).as(name).containsKey(URI.create(edgeLedger).getHost());
            assertThat(URI.create(environment(service).get("EDGE_PUBLIC_URL")).getHost())
                .isEqualTo(name);
          }
        });
  }

  @Test
  void wiresTheGatewayToItsDatabaseAndToIdentityWebhooksAndBilling() {
    Map<String, String> gateway = environment(services.get("gateway"));

    assertThat(gateway.get("GATEWAY_DB_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/gateway");
    assertThat(gateway).containsKeys("GATEWAY_DB_USER", "GATEWAY_DB_PASSWORD", "CONSOLE_ORIGINS");
    for (String[] route :
        List.of(
            new String[] {"IDENTITY_URI", "identity-service"},
            new String[] {"WEBHOOK_URI", "webhook-service"},
            new String[] {"BILLING_URI", "billing-service"},
            new String[] {"CHAIN_URI", "chain-adapter"})) {
      URI uri = URI.create(gateway.get(route[0]));
      assertThat(uri.getHost()).as(route[0]).isEqualTo(route[1]);
      assertThat(String.valueOf(uri.getPort()))
          .as(route[0])
          .isEqualTo(environment(services.get(route[1])).get("SERVER_PORT"));
    }
    assertThat(URI.create(environment(services.get("storage-service")).get("IDENTITY_URI")))
        .isEqualTo(URI.create(gateway.get("IDENTITY_URI")));
  }

  @Test
  void takesIdentitySecretsFromTheEnvironmentAndKeepsWebhookDeliveriesSafeByDefault() {
    Map<String, String> identity = environment(services.get("identity-service"));
    Map<String, String> webhook = environment(services.get("webhook-service"));

    assertThat(identity.get("SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/identity");
    assertThat(identity.get("IDENTITY_JWT_PRIVATE_KEY")).startsWith("${IDENTITY_JWT_PRIVATE_KEY:?");
    assertThat(identity.get("IDENTITY_S3_MASTER_KEY")).startsWith("${IDENTITY_S3_MASTER_KEY:?");
    assertThat(identity.get("IDENTITY_SIWE_DOMAINS")).contains("localhost:8080");
    assertThat(webhook.get("SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/webhook");
    assertThat(webhook.get("WEBHOOK_SECRETS_KEY")).startsWith("${WEBHOOK_SECRETS_KEY:?");
    assertThat(webhook.get("WEBHOOK_DELIVERY_ALLOW_HTTP")).endsWith(":-false}");
    assertThat(webhook.get("WEBHOOK_DELIVERY_ALLOW_LOOPBACK")).endsWith(":-false}");
    assertThat(environment(services.get("storage-service")).keySet())
        .as("static S3 keys are gone: identity-service owns them")
        .noneMatch(key -> key.startsWith("STORAGE_CREDENTIALS_"));
  }

  @Test
  void runsBillingWithBatchedInsertsAndDevelopmentTopUpsOff() {
    Map<String, String> billing = environment(services.get("billing-service"));

    assertThat(billing.get("SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/billing?reWriteBatchedInserts=true");
    assertThat(billing.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
    assertThat(billing.get("PLATFORM_IDENTITY_PUBLIC_KEY"))
        .startsWith("${PLATFORM_IDENTITY_PUBLIC_KEY:?");
    assertThat(billing)
        .as("no private key: billing verifies internal tokens, it never signs them")
        .doesNotContainKey("PLATFORM_IDENTITY_PRIVATE_KEY");
    assertThat(billing.get("BILLING_DEV_TOPUPS_ENABLED"))
        .as("a literal, not ${...:-false}: the environment cannot turn top-ups on")
        .isEqualTo("false");
    assertThat(billing.keySet())
        .as("no other spelling of the switch that Spring would bind")
        .filteredOn(key -> key.toUpperCase().replaceAll("[_.\\-]", "").contains("TOPUPS"))
        .containsExactly("BILLING_DEV_TOPUPS_ENABLED");
  }

  @Test
  void runsTheChainAdapterOnlyWhenAskedWithItsChainAndKeyFromTheEnvironment() {
    Map<String, Object> chain = services.get("chain-adapter");
    Map<String, String> env = environment(chain);

    assertThat(Manifests.<List<String>>get(chain, "profiles"))
        .as("needs a chain node and deployed contracts: off in a plain docker compose up")
        .containsExactly("chain");
    assertThat(env.get("CHAIN_DB_URL")).isEqualTo("jdbc:postgresql://postgresql:5432/chain");
    assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
    assertThat(URI.create(env.get("LEDGER_URI")))
        .isEqualTo(URI.create(environment(services.get("gateway")).get("LEDGER_URI")));
    assertThat(URI.create(env.get("BILLING_URI")))
        .isEqualTo(URI.create(environment(services.get("gateway")).get("BILLING_URI")));
    for (String variable :
        List.of(
            "CHAIN_RPC_URL",
            "CHAIN_ID",
            "CHAIN_COMMITTER_KEY",
            "CHAIN_REGISTRY_ADDRESS",
            "CHAIN_DEPOSITS_ADDRESS",
            "CHAIN_REWARDS_ADDRESS",
            "CHAIN_START_BLOCK")) {
      assertThat(env.get(variable)).as(variable).startsWith("${" + variable + ":");
    }
    assertThat(env.get("CHAIN_COMMITTER_KEY"))
        .as("no key in the file, not even a development one")
        .isEqualTo("${CHAIN_COMMITTER_KEY:-}");
    assertThat(dependencies("gateway"))
        .as("the gateway starts without the optional chain-adapter")
        .doesNotContain("chain-adapter");
  }

  @Test
  void createsEveryServiceDatabaseWithTheChartsInitScript() {
    Map<String, Object> postgresql = services.get("postgresql");
    List<String> volumes = get(postgresql, "volumes");
    String script = "./helm/aioz-platform/files/init-databases.sh";

    assertThat(volumes).anyMatch(v -> v.startsWith(script + ":/docker-entrypoint-initdb.d/"));
    assertThat(Repository.ROOT.resolve(script)).exists();
    assertThat(environment(postgresql).get("POSTGRES_DATABASES").split("[ ,]+"))
        .containsExactlyInAnyOrder(
            "ledger", "storage", "proof", "identity", "webhook", "billing", "chain", "gateway");
    services.forEach(
        (name, service) -> {
          Map<String, String> env = environment(service);
          for (String url :
              new String[] {
                env.get("SPRING_DATASOURCE_URL"), env.get("GATEWAY_DB_URL"), env.get("CHAIN_DB_URL")
              }) {
            if (url != null) {
              String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
              assertThat(environment(postgresql).get("POSTGRES_DATABASES").split("[ ,]+"))
                  .as("%s's database is created", name)
                  .contains(database);
            }
          }
        });
  }

  @Test
  void runsImagesAsTheNonRootUserTheChartExpects() throws IOException {
    Map<String, Object> values =
        new Yaml().load(Files.readString(Repository.CHART.resolve("values.yaml")));
    Object chartUser = get(values, "podSecurityContext.runAsUser");

    for (String dockerfile : List.of("spring-service.Dockerfile", "edge-node.Dockerfile")) {
      String text = Files.readString(Repository.DOCKER.resolve(dockerfile));
      assertThat(text).as(dockerfile).contains("FROM eclipse-temurin:21-jre");
      Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(text);
      assertThat(user.find()).as("%s has a numeric USER", dockerfile).isTrue();
      assertThat(user.group(1))
          .as(dockerfile)
          .isEqualTo(String.valueOf(chartUser))
          .isNotEqualTo("0");
      assertThat(Path.of(dockerfile + ".dockerignore"))
          .satisfies(p -> assertThat(Repository.DOCKER.resolve(p)).exists());
    }
    assertThat(Files.readString(Repository.DOCKER.resolve("spring-service.Dockerfile")))
        .contains("ARG JAR\n");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
    Map<String, String> strings = new java.util.TreeMap<>();
    env.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings;
  }

  static Set<String> dependencies(String service) {
    Map<String, Object> dependsOn = get(services.get(service), "depends_on");
    return dependsOn == null ? Set.of() : dependsOn.keySet();
  }

  static String hostAndPort(String servers) {
    return servers.split(",")[0].trim();
  }
}
