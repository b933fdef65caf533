package network.aioz.shared.merkle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trees built by {@code @openzeppelin/merkle-tree} itself (scripts/merkle-vectors/generate.mjs):
 * the reference the Java trees must match byte for byte.
 */
public record OpenZeppelinVectors(
    String generator, List<StandardCase> standard, List<SimpleCase> simple) {

  public record StandardCase(
      String name,
      List<String> types,
      List<List<Object>> values,
      String root,
      List<String> tree,
      List<Leaf> leaves) {}

  public record SimpleCase(
      String name, List<String> values, String root, List<String> tree, List<Leaf> leaves) {}

  public record Leaf(String hash, int treeIndex, List<String> proof) {}

  public static OpenZeppelinVectors load() {
    try (InputStream in =
        OpenZeppelinVectors.class.getResourceAsStream("/merkle/openzeppelin-vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("merkle/openzeppelin-vectors.json is missing");
      }
      return JsonMapper.builder().build().readValue(in, OpenZeppelinVectors.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Bytes32> hashes(List<String> hex) {
    return hex.stream().map(Bytes32::fromHex).toList();
  }
}
