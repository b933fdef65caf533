package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the real stack (free ports, one edge) from the applications' jars as the reactor built
 * them; skipped only when they do not exist (e.g. {@code ./mvnw test} without packaging).
 */
class LocalStackIntegrationTests {

  @TempDir Path dataDir;

  @Test
  void startsEverythingRegistersTheEdgeAndRestartsOnTheSameData() throws Exception {
    assumeTrue(appsBuilt(), "the applications' jars are not built yet");
    List<String> progress = new CopyOnWriteArrayList<>();
    LocalStackOptions options =
        LocalStackOptions.builder()
            .dataDir(dataDir)
            .edges(1)
            .freePorts(true)
            .progress(progress::add)
            .build();

    String address;
    List<Endpoints.S3Key> firstKeys;
    Set<Long> children;
    try (LocalStack stack = LocalStack.start(options)) {
      Endpoints endpoints = stack.endpoints();
      assertThat(endpoints.edges()).hasSize(1);
      Endpoints.Edge edge = endpoints.edges().getFirst();
      address = edge.address();
      firstKeys = endpoints.credentials().s3().keys();
      assertThat(address).matches("0x[0-9a-fA-F]{40}");
      assertThat(edge.region()).isEqualTo("us-east");
      assertThat(endpoints.gateway()).isNotEqualTo("http://127.0.0.1:8080");

      HttpResponse<String> node =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/v1/edges/" + address))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(node.statusCode()).isEqualTo(200);
      assertThat(node.body()).contains(address).contains("us-east-a");

      Map<?, ?> json =
          JsonMapper.builder()
              .build()
              .readValue(dataDir.resolve("endpoints.json").toFile(), Map.class);
      assertThat(json.get("gateway")).isEqualTo(endpoints.gateway());
      assertThat(endpoints.services())
          .containsKeys(
              "ledger-service",
              "storage-service",
              "proof-service",
              "identity-service",
              "webhook-service",
              "billing-service",
              "gateway");
      assertThat(endpoints.postgres().databases())
          .containsKeys("ledger", "storage", "proof", "identity", "webhook", "billing", "gateway");
      assertThat(endpoints.credentials().tenants())
          .extracting(Endpoints.Tenant::name)
          .containsExactly("dev", "dev2");
      HttpResponse<String> me =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/v1/tenants/me"))
                      .header("X-API-Key", endpoints.credentials().tenants().getFirst().apiKey())
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(me.body()).contains(endpoints.credentials().tenants().getFirst().tenantId());
      Endpoints.S3 s3 = endpoints.credentials().s3();
      assertThat(s3.endpoint()).isEqualTo(endpoints.gateway());
      assertThat(s3.keys()).extracting(Endpoints.S3Key::tenant).containsExactly("dev", "dev2");
      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/any-bucket"))
                      .header("Authorization", "AWS4-HMAC-SHA256 Credential=nobody")
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode())
          .as("storage-service answers S3 through the gateway")
          .isBetween(400, 403);
      assertThat(anonymous.body()).startsWith("<?xml").contains("<Error>");
      assertThat(available(endpoints)).isEqualTo(DevFunds.TOP_UP.toString());
      assertThat(progress).anyMatch(line -> line.contains("funds") && line.contains("+1000 AIOZ"));
      assertThat(endpoints.rssMiB()).isPositive();
      assertThat(endpoints.pssMiB()).isPositive().isLessThanOrEqualTo(endpoints.rssMiB());
      assertThat(endpoints.processes()).isGreaterThanOrEqualTo(5);
      assertThat(progress)
          .anyMatch(line -> line.contains("ledger-service") && line.contains("ready"));

      children = stack.pids();
      children.remove(ProcessHandle.current().pid());
    }
    assertThat(aliveAfter(children, Duration.ofSeconds(10))).isEmpty();
    assertThat(progress.getLast()).contains("postgresql").contains("stopped");

    try (LocalStack again = LocalStack.start(options)) {
      assertThat(again.endpoints().edges().getFirst().address()).isEqualTo(address);
      assertThat(again.endpoints().credentials().s3().keys())
          .as("the same development keys after a restart")
          .isEqualTo(firstKeys);
      assertThat(available(again.endpoints()))
          .as("a restart does not top the tenants up again")
          .isEqualTo(DevFunds.TOP_UP.toString());
    }
  }

  private static String available(Endpoints endpoints) throws Exception {
    HttpResponse<String> account =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoints.gateway() + "/v1/billing/account"))
                    .header("X-API-Key", endpoints.credentials().tenants().getFirst().apiKey())
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(account.body()).path("available").asString();
  }

  private static boolean appsBuilt() {
    try {
      AppJars.find(null);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Processes that exited may stay visible for a moment until they are reaped. */
  private static List<String> aliveAfter(Set<Long> pids, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<String> alive =
          pids.stream()
              .map(ProcessHandle::of)
              .flatMap(java.util.Optional::stream)
              .filter(ProcessHandle::isAlive)
              .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
              .toList();
      if (alive.isEmpty() || System.nanoTime() > deadline) {
        return alive;
      }
      Thread.sleep(200);
    }
  }
}
