package network.aioz.ledger.assignment;

import java.util.TreeMap;

/**
 * The nodes that have one capability (or all nodes), split by region and eligibility so a pick can
 * sample a region-restricted set without scanning it.
 */
final class Pool {

  static final Pool EMPTY = new Pool();

  private final TreeMap<String, Slice> byRegion = new TreeMap<>();
  private Slice[] slices = new Slice[0];
  private int size;

  void add(Node node) {
    Slice slice = byRegion.get(node.region);
    if (slice == null) {
      slice = new Slice(node.region);
      byRegion.put(node.region, slice);
      slices = byRegion.values().toArray(Slice[]::new);
    }
    int before = slice.size();
    slice.nodes(node.eligibility).add(node);
    size += slice.size() - before;
  }

  void remove(Node node) {
    Slice slice = byRegion.get(node.region);
    if (slice == null) {
      return;
    }
    int before = slice.size();
    slice.nodes(node.eligibility).remove(node);
    size -= before - slice.size();
    if (slice.size() == 0) {
      byRegion.remove(node.region);
      slices = byRegion.values().toArray(Slice[]::new);
    }
  }

  /** Regions in name order, so the same operations and seed give the same choices. */
  Slice[] slices() {
    return slices;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The nodes of one region. */
  static final class Slice {
    final String region;
    private final NodeList active = new NodeList();
    private final NodeList vetting = new NodeList();

    Slice(String region) {
      this.region = region;
    }

    NodeList nodes(Eligibility eligibility) {
      return eligibility == Eligibility.ACTIVE ? active : vetting;
    }

    int size() {
      return active.size() + vetting.size();
    }
  }
}
