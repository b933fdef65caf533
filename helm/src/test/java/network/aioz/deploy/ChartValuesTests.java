package network.aioz.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every value of the chart is explained in values.yaml and listed in the chart's README. */
class ChartValuesTests {

  static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");

  record Key(String path, boolean documented, boolean undocumentedLeaf) {}

  record Level(int indent, String name, boolean documentedAsWhole) {}

  @Test
  void explainsEveryValueWithACommentAboveIt() throws IOException {
    List<String> undocumented =
        keys().stream().filter(Key::undocumentedLeaf).map(Key::path).toList();

    assertThat(undocumented).as("values without a comment above them").isEmpty();
  }

  @Test
  void listsEveryDocumentedValueInTheReadme() throws IOException {
    String readme = Files.readString(Repository.CHART.resolve("README.md"));
    List<String> documented = keys().stream().filter(Key::documented).map(Key::path).toList();

    assertThat(documented).hasSizeGreaterThan(50);
    assertThat(documented).allSatisfy(path -> assertThat(readme).contains("| `" + path + "` |"));
  }

  /**
   * Keys of values.yaml with their dotted paths. A key is documented by a "# --" comment right
   * above it; such a comment on a block documents the whole block.
   */
  static List<Key> keys() throws IOException {
    List<Key> keys = new ArrayList<>();
    Deque<Level> levels = new ArrayDeque<>();
    String comment = null;
    for (String line : Files.readAllLines(Repository.CHART.resolve("values.yaml"))) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        comment = null;
        continue;
      }
      if (trimmed.startsWith("#")) {
        comment = comment == null ? trimmed : comment;
        continue;
      }
      Matcher key = KEY.matcher(line);
      if (!key.matches()) {
        comment = null; // a list item belongs to the key above it
        continue;
      }
      int indent = key.group(1).length();
      while (!levels.isEmpty() && levels.peek().indent() >= indent) {
        levels.pop();
      }
      String path =
          String.join(".", levels.reversed().stream().map(Level::name).toList())
              + (levels.isEmpty() ? "" : ".")
              + key.group(2);
      boolean inDocumentedBlock = levels.stream().anyMatch(Level::documentedAsWhole);
      boolean documented = comment != null && comment.startsWith("# --");
      boolean leaf = !key.group(3).isBlank();
      keys.add(new Key(path, documented, leaf && comment == null && !inDocumentedBlock));
      levels.push(new Level(indent, key.group(2), documented && !leaf));
      comment = null;
    }
    return keys;
  }
}
