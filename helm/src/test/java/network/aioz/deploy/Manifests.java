package network.aioz.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** Rendered Kubernetes documents, parsed, with the lookups the tests need. */
record Manifests(List<Map<String, Object>> documents) {

  @SuppressWarnings("unchecked")
  static Manifests parse(String multiDocumentYaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(multiDocumentYaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return new Manifests(List.copyOf(documents));
  }

  Stream<Map<String, Object>> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.get("kind")));
  }

  Stream<Map<String, Object>> workloads() {
    return documents.stream()
        .filter(d -> "Deployment".equals(d.get("kind")) || "StatefulSet".equals(d.get("kind")));
  }

  Map<String, Object> find(String kind, String name) {
    return ofKind(kind)
        .filter(d -> name.equals(get(d, "metadata.name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  static String describe(Map<String, Object> document) {
    return document.get("kind") + "/" + get(document, "metadata.name");
  }

  /** Value at a dotted path of nested maps, or null when any step is missing. */
  @SuppressWarnings("unchecked")
  static <T> T get(Object node, String path) {
    Object current = node;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return (T) current;
  }

  static List<Map<String, Object>> list(Object node, String path) {
    List<Map<String, Object>> value = get(node, path);
    return Objects.requireNonNullElse(value, List.of());
  }
}
