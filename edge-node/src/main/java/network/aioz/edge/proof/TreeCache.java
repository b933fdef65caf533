package network.aioz.edge.proof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import network.aioz.shared.merkle.rfc6962.BlockTree;

/**
 * The Merkle trees of recently challenged pieces, least recently used first out, within a budget of
 * hash bytes. An entry is reused only while the file keeps its size and modification time, so a
 * piece that changed on disk is hashed again (and then no longer proves against the platform's
 * root) instead of being vouched for by a stale tree.
 */
final class TreeCache {

  /** A tree keeps 32 bytes per leaf and about as many for the nodes above them. */
  private static final long BYTES_PER_BLOCK = 64;

  private final long budgetBytes;
  private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;

  TreeCache(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  private record Key(String digest, int blockSize) {}

  private record Entry(BlockTree tree, long size, long modified) {}

  BlockTree treeOf(String digest, Path file, int blockSize) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    long size = attributes.size();
    long modified = attributes.lastModifiedTime().toMillis();
    Key key = new Key(digest, blockSize);
    synchronized (this) {
      Entry cached = entries.get(key);
      if (cached != null && cached.size() == size && cached.modified() == modified) {
        return cached.tree();
      }
    }
    BlockTree tree;
    // hashed outside the lock: one slow piece must not hold up challenges of the others
    try (InputStream in = Files.newInputStream(file)) {
      tree = BlockTree.build(in, blockSize);
    }
    put(key, new Entry(tree, size, modified));
    return tree;
  }

  synchronized int size() {
    return entries.size();
  }

  private synchronized void put(Key key, Entry entry) {
    long cost = cost(entry);
    if (cost > budgetBytes) {
      return;
    }
    Entry previous = entries.put(key, entry);
    if (previous != null) {
      usedBytes -= cost(previous);
    }
    usedBytes += cost;
    Iterator<Entry> eldest = entries.values().iterator();
    while (usedBytes > budgetBytes && eldest.hasNext()) {
      usedBytes -= cost(eldest.next());
      eldest.remove();
    }
  }

  private static long cost(Entry entry) {
    return BYTES_PER_BLOCK * (entry.tree().blockCount() + 1L);
  }
}
