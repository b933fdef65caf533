package network.aioz.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * k8s/ holds the chart rendered with helm/k8s-values.yaml, one file per chart template, so that
 * people without Helm get the same manifests; these tests keep the two from drifting.
 */
class K8sManifestsTests {

  static final String HEADER =
      """
      # Generated from helm/aioz-platform with helm/k8s-values.yaml (release aioz, namespace aioz): do not edit.
      # Regenerate: ./mvnw -B test -pl helm -Dtest=K8sManifestsTests -Dk8s.regenerate=true
      """;
  static final Pattern SOURCE =
      Pattern.compile("^# Source: aioz-platform/templates/(.+)$", Pattern.MULTILINE);

  @Test
  void areUpToDateWithTheChart() throws IOException {
    Map<String, String> expected = renderByTemplate();
    if (Boolean.getBoolean("k8s.regenerate")) {
      for (Path stale : generatedFiles()) {
        Files.delete(stale);
      }
      for (Map.Entry<String, String> file : expected.entrySet()) {
        Files.writeString(Repository.K8S.resolve(file.getKey()), file.getValue());
      }
    }

    for (Map.Entry<String, String> file : expected.entrySet()) {
      Path path = Repository.K8S.resolve(file.getKey());
      assertThat(path)
          .as("k8s/%s exists; regenerate k8s/ (see its header)", file.getKey())
          .exists();
      assertThat(Files.readString(path))
          .as("k8s/%s is out of date: regenerate it (command in its header)", file.getKey())
          .isEqualTo(file.getValue());
    }
    assertThat(generatedFiles())
        .extracting(p -> p.getFileName().toString())
        .as("no stale generated files in k8s/")
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
  }

  @Test
  void kustomizationListsTheNamespaceAndEveryGeneratedFile() throws IOException {
    Map<String, Object> kustomization = kustomization();

    assertThat(kustomization.get("namespace")).isEqualTo(Chart.NAMESPACE);
    assertThat(resources())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(Stream.of("namespace.yaml"), renderByTemplate().keySet().stream())
                .toList());
    assertThat(resources())
        .contains(
            "ledger-service.yaml",
            "webhook-service.yaml",
            "billing-service.yaml",
            "gateway.yaml",
            "kafka.yaml",
            "postgresql.yaml");
  }

  @Test
  void deployBillingWithItsDatabaseRouteAndDevelopmentTopUpsOff() throws IOException {
    Manifests billing =
        Manifests.parse(Files.readString(Repository.K8S.resolve("billing-service.yaml")));
    Manifests gateway = Manifests.parse(Files.readString(Repository.K8S.resolve("gateway.yaml")));
    Manifests postgresql =
        Manifests.parse(Files.readString(Repository.K8S.resolve("postgresql.yaml")));

    assertThat(
            Manifests.<Map<String, Object>>get(
                billing.find("ConfigMap", "aioz-billing-service"), "data"))
        .containsEntry("BILLING_DEV_TOPUPS_ENABLED", "false")
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            "jdbc:postgresql://aioz-postgresql.aioz.svc:5432/billing?reWriteBatchedInserts=true");
    assertThat(Manifests.<String>get(gateway.find("ConfigMap", "aioz-gateway"), "data.BILLING_URI"))
        .isEqualTo("http://aioz-billing-service:8086");
    assertThat(
            HelmChartTests.env(postgresql.find("StatefulSet", "aioz-postgresql"))
                .get("POSTGRES_DATABASES")
                .split("[ ,]+"))
        .contains("billing");
  }

  @Test
  void routeTheGatewayToTheChainAdapterWhichNeedsTheOperatorsContracts() throws IOException {
    Manifests gateway = Manifests.parse(Files.readString(Repository.K8S.resolve("gateway.yaml")));

    assertThat(Manifests.<String>get(gateway.find("ConfigMap", "aioz-gateway"), "data.CHAIN_URI"))
        .isEqualTo("http://aioz-chain-adapter:8088");
    assertThat(Repository.K8S.resolve("chain-adapter.yaml"))
        .as("no contract addresses to render it with: helm template it (k8s-values.yaml says how)")
        .doesNotExist();
    assertThat(Files.readString(Repository.K8S_VALUES)).contains("chainAdapter.enabled=true");
  }

  @Test
  void matchTheKubernetesSchemas() throws IOException {
    SchemaValidator.assertValid(
        resources().stream().map(Repository.K8S::resolve).toArray(Path[]::new));
  }

  @Test
  void buildWithKustomize() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed: kustomize build skipped");
    Process process =
        new ProcessBuilder("kubectl", "kustomize", Repository.K8S.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    Manifests built = Manifests.parse(output);
    assertThat(built.ofKind("Namespace")).hasSize(1);
    assertThat(built.documents())
        .filteredOn(d -> !"Namespace".equals(d.get("kind")))
        .allMatch(d -> Chart.NAMESPACE.equals(Manifests.get(d, "metadata.namespace")));
    SchemaValidator.assertValid(output);
  }

  /** The chart rendered for k8s/, grouped by the template each document came from. */
  static Map<String, String> renderByTemplate() {
    String rendered = Chart.render(Repository.K8S_VALUES);
    Map<String, List<String>> documents = new LinkedHashMap<>();
    for (String document : rendered.split("(?m)^---\\s*$")) {
      Matcher source = SOURCE.matcher(document);
      if (!source.find()) {
        continue;
      }
      documents.computeIfAbsent(source.group(1), k -> new ArrayList<>()).add(document.strip());
    }
    Map<String, String> files = new LinkedHashMap<>();
    documents.forEach(
        (template, docs) -> {
          StringBuilder content = new StringBuilder(HEADER);
          docs.forEach(d -> content.append("---\n").append(d).append('\n'));
          files.put(template, content.toString());
        });
    return files;
  }

  static List<Path> generatedFiles() throws IOException {
    try (Stream<Path> files = Files.list(Repository.K8S)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> read(p).startsWith(HEADER.lines().findFirst().orElseThrow()))
          .toList();
    }
  }

  static Map<String, Object> kustomization() throws IOException {
    return new Yaml().load(Files.readString(Repository.K8S.resolve("kustomization.yaml")));
  }

  @SuppressWarnings("unchecked")
  static List<String> resources() throws IOException {
    return (List<String>) kustomization().get("resources");
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
