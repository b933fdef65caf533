package network.aioz.ledger.assignment;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/** An array of nodes with O(1) random access, add and (swap-)remove, for index sampling. */
final class NodeList {

  private Node[] items = new Node[16];
  private int size;
  private final Map<Node, Integer> positions = new IdentityHashMap<>();

  void add(Node node) {
    if (positions.containsKey(node)) {
      return;
    }
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    positions.put(node, size);
    items[size++] = node;
  }

  void remove(Node node) {
    Integer position = positions.remove(node);
    if (position == null) {
      return;
    }
    Node last = items[--size];
    items[size] = null;
    if (last != node) {
      items[position] = last;
      positions.put(last, position);
    }
  }

  int size() {
    return size;
  }

  Node get(int index) {
    return items[index];
  }
}
