package network.aioz.ledger.assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Chooses edge nodes for tasks from an in-memory index of the registry.
 *
 * <p>Decisions share a read lock and update node load with atomics, so they run in parallel; only a
 * change of a node's region, fault domain, capabilities or eligibility (or a join or leave) takes
 * the write lock. Each decision samples candidates from per-region, per-capability arrays instead
 * of scanning, and keeps the less loaded of two (power of two choices).
 */
public final class Assigner {

  private static final Tier[] PLACEMENT_TIERS = {Tier.SPREAD, Tier.ANY};
  private static final Tier[] PREFERRED_PLACEMENT_TIERS = {
    Tier.PREFERRED_REGION, Tier.SPREAD, Tier.ANY
  };
  private static final Tier[] SINGLE_TIERS = {Tier.ANY};
  private static final Tier[] PREFERRED_SINGLE_TIERS = {Tier.PREFERRED_REGION, Tier.ANY};
  private static final Eligibility[] ACTIVE_FIRST = {Eligibility.ACTIVE, Eligibility.VETTING};
  private static final Eligibility[] VETTING_FIRST = {Eligibility.VETTING, Eligibility.ACTIVE};

  private final AssignerSettings settings;
  private final RandomGenerator seeds;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ConcurrentHashMap<String, Node> byId = new ConcurrentHashMap<>();
  private final Pool all = new Pool();
  private final Pool gpu = new Pool();
  private final Map<String, Pool> byCodec = new HashMap<>();
  private final Map<String, Pool> byRuntime = new HashMap<>();
  private final Map<String, Pool> byModel = new HashMap<>();

  /**
   * @param random the source of every random choice; with a seeded generator and the same calls in
   *     the same order, the choices are the same
   */
  public Assigner(AssignerSettings settings, RandomGenerator random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seeds = Objects.requireNonNull(random, "random");
  }

  /** Adds a node or refreshes it; a refresh replaces local reservations with the given counts. */
  public void upsert(NodeSnapshot snapshot) {
    Node existing = byId.get(snapshot.nodeId());
    if (existing != null && existing.hasSameIndexKeys(snapshot)) {
      existing.refresh(snapshot);
      return;
    }
    lock.writeLock().lock();
    try {
      Node current = byId.get(snapshot.nodeId());
      if (current != null) {
        if (current.hasSameIndexKeys(snapshot)) {
          current.refresh(snapshot);
          return;
        }
        unindex(current);
      }
      Node node = new Node(snapshot);
      byId.put(node.id, node);
      index(node);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes a node that left, was suspended or was ejected. Returns whether it was indexed. */
  public boolean remove(String nodeId) {
    lock.writeLock().lock();
    try {
      Node node = byId.remove(nodeId);
      if (node == null) {
        return false;
      }
      unindex(node);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int size() {
    return byId.size();
  }

  /** The node as the index sees it now, including reservations made since its last upsert. */
  public Optional<NodeSnapshot> node(String nodeId) {
    return Optional.ofNullable(byId.get(nodeId)).map(Node::snapshot);
  }

  /**
   * Chooses distinct nodes for the pieces of one object and reserves one task slot and {@code
   * requirement.minFreeBytes()} on each.
   *
   * <p>Each piece prefers a region this placement has not used, then a fault domain it has not used
   * in the least used regions, and only then any eligible node. Spread wins over eligibility: a
   * vetting node in a new region is taken before an active node in a used one.
   *
   * @return node ids, one per piece, in piece order
   * @throws InsufficientCapacityException if fewer eligible nodes exist than pieces; nothing is
   *     reserved then
   */
  public List<String> place(PlacementRequest request) {
    Selection selection =
        newSelection(request.requirement(), request.excludedNodeIds(), request.preferredRegion());
    lock.readLock().lock();
    try {
      Pool pool = poolFor(request.requirement());
      for (int piece = 0; piece < request.pieces(); piece++) {
        Tier[] tiers =
            piece == 0 && request.preferredRegion() != null
                ? PREFERRED_PLACEMENT_TIERS
                : PLACEMENT_TIERS;
        Node node = pickAndReserve(pool, selection, tiers);
        if (node == null) {
          int eligible = selection.chosen().size();
          releaseAll(selection.chosen(), request.requirement().minFreeBytes());
          throw new InsufficientCapacityException(request.pieces(), eligible, request.groupKey());
        }
        selection.choose(node);
      }
    } finally {
      lock.readLock().unlock();
    }
    List<String> ids = new ArrayList<>(request.pieces());
    for (Node node : selection.chosen()) {
      ids.add(node.id);
    }
    return ids;
  }

  /**
   * Chooses one node for a single task, in the preferred region when one there can take it, and
   * reserves a slot on it.
   *
   * @param preferredRegion may be null
   * @throws InsufficientCapacityException if no node can take the task
   */
  public String pickOne(Requirement requirement, Set<String> excluded, String preferredRegion) {
    Selection selection =
        newSelection(requirement, Objects.requireNonNullElse(excluded, Set.of()), preferredRegion);
    lock.readLock().lock();
    try {
      Tier[] tiers = preferredRegion != null ? PREFERRED_SINGLE_TIERS : SINGLE_TIERS;
      Node node = pickAndReserve(poolFor(requirement), selection, tiers);
      if (node == null) {
        throw new InsufficientCapacityException(1, 0, null);
      }
      return node.id;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Takes a task slot and {@code bytes} on a node chosen elsewhere (for example restored from the
   * ledger at start-up). Returns false if the node is unknown or has no room.
   */
  public boolean reserve(String nodeId, long bytes) {
    Node node = byId.get(nodeId);
    return node != null && node.tryReserve(bytes);
  }

  /** Gives back what a decision reserved, when the task ends or is reassigned. */
  public void release(String nodeId, long bytes) {
    Node node = byId.get(nodeId);
    if (node != null) {
      node.release(bytes);
    }
  }

  /**
   * Gives back a task slot but keeps the space: a store task's transfer is over once its node
   * submitted it, while its piece goes on taking room.
   */
  public void releaseSlot(String nodeId) {
    Node node = byId.get(nodeId);
    if (node != null) {
      node.releaseSlot();
    }
  }

  /** Gives back space only (a store task whose slot went back when it was submitted). */
  public void releaseBytes(String nodeId, long bytes) {
    Node node = byId.get(nodeId);
    if (node != null) {
      node.releaseBytes(bytes);
    }
  }

  private Selection newSelection(
      Requirement requirement, Set<String> excluded, String preferredRegion) {
    long seed;
    // One draw per decision under the lock; the decision then uses its own generator, so a shared
    // non-thread-safe generator such as SplittableRandom is safe to inject.
    synchronized (seeds) {
      seed = seeds.nextLong();
    }
    return new Selection(
        new SplittableRandom(seed),
        requirement,
        settings.minReputation(),
        excluded,
        preferredRegion);
  }

  private Node pickAndReserve(Pool pool, Selection selection, Tier[] tiers) {
    Eligibility[] order =
        selection.random.nextDouble() < settings.vettingShare() ? VETTING_FIRST : ACTIVE_FIRST;
    for (Tier tier : tiers) {
      int levels = tier == Tier.SPREAD ? selection.maxRegionUses() : 0;
      for (int level = 0; level <= levels; level++) {
        selection.spreadLevel(level);
        for (Eligibility eligibility : order) {
          Node node = pickAndReserve(pool, selection, tier, eligibility);
          if (node != null) {
            return node;
          }
        }
      }
    }
    return null;
  }

  private Node pickAndReserve(Pool pool, Selection selection, Tier tier, Eligibility eligibility) {
    // A concurrent decision may take the last slot between our check and our reservation.
    for (int race = 0; race < 3; race++) {
      Node node = pick(pool, selection, tier, eligibility);
      if (node == null) {
        return null;
      }
      if (node.tryReserve(selection.requirement.minFreeBytes())) {
        return node;
      }
    }
    return null;
  }

  private Node pick(Pool pool, Selection selection, Tier tier, Eligibility eligibility) {
    Pool.Slice[] slices = pool.slices();
    int total = 0;
    for (Pool.Slice slice : slices) {
      if (selection.allowsRegion(slice.region, tier)) {
        total += slice.nodes(eligibility).size();
      }
    }
    if (total == 0) {
      return null;
    }
    Node first = null;
    for (int attempt = 0; attempt < settings.sampleAttempts(); attempt++) {
      Node candidate =
          nodeAt(slices, selection, tier, eligibility, selection.random.nextInt(total));
      if (candidate != first && selection.accepts(candidate, tier)) {
        if (first == null) {
          first = candidate;
        } else {
          return lessLoaded(first, candidate);
        }
      }
    }
    return first != null ? first : scan(slices, selection, tier, eligibility);
  }

  private static Node nodeAt(
      Pool.Slice[] slices, Selection selection, Tier tier, Eligibility eligibility, int index) {
    for (Pool.Slice slice : slices) {
      if (selection.allowsRegion(slice.region, tier)) {
        NodeList nodes = slice.nodes(eligibility);
        if (index < nodes.size()) {
          return nodes.get(index);
        }
        index -= nodes.size();
      }
    }
    throw new IllegalStateException("index beyond the sampled regions");
  }

  /** Sampling found nothing: few candidates fit, so look at all of them once. */
  private static Node scan(
      Pool.Slice[] slices, Selection selection, Tier tier, Eligibility eligibility) {
    List<Node> fitting = new ArrayList<>();
    for (Pool.Slice slice : slices) {
      if (selection.allowsRegion(slice.region, tier)) {
        NodeList nodes = slice.nodes(eligibility);
        for (int i = 0; i < nodes.size(); i++) {
          if (selection.accepts(nodes.get(i), tier)) {
            fitting.add(nodes.get(i));
          }
        }
      }
    }
    if (fitting.isEmpty()) {
      return null;
    }
    Node first = fitting.get(selection.random.nextInt(fitting.size()));
    if (fitting.size() == 1) {
      return first;
    }
    Node second = fitting.get(selection.random.nextInt(fitting.size()));
    return lessLoaded(first, second);
  }

  private static Node lessLoaded(Node first, Node second) {
    return second.load() < first.load() ? second : first;
  }

  private static void releaseAll(List<Node> nodes, long bytes) {
    for (Node node : nodes) {
      node.release(bytes);
    }
  }

  /** The smallest index that holds every node meeting the requirement's capabilities. */
  private Pool poolFor(Requirement requirement) {
    Pool smallest = all;
    if (requirement.needsGpu()) {
      smallest = smaller(smallest, gpu);
    }
    if (requirement.codec() != null) {
      smallest = smaller(smallest, byCodec.getOrDefault(requirement.codec(), Pool.EMPTY));
    }
    if (requirement.runtime() != null) {
      smallest = smaller(smallest, byRuntime.getOrDefault(requirement.runtime(), Pool.EMPTY));
    }
    if (requirement.model() != null) {
      smallest = smaller(smallest, byModel.getOrDefault(requirement.model(), Pool.EMPTY));
    }
    return smallest;
  }

  private static Pool smaller(Pool a, Pool b) {
    return b.size() < a.size() ? b : a;
  }

  private void index(Node node) {
    forEachPool(node, pool -> pool.add(node), true);
  }

  private void unindex(Node node) {
    forEachPool(node, pool -> pool.remove(node), false);
  }

  private void forEachPool(Node node, Consumer<Pool> action, boolean create) {
    action.accept(all);
    if (node.capabilities.gpuCount() > 0) {
      action.accept(gpu);
    }
    for (String codec : node.capabilities.transcodeCodecs()) {
      withPool(byCodec, codec, action, create);
    }
    for (String runtime : node.capabilities.inferenceRuntimes()) {
      withPool(byRuntime, runtime, action, create);
    }
    for (String model : node.capabilities.inferenceModels()) {
      withPool(byModel, model, action, create);
    }
  }

  private static void withPool(
      Map<String, Pool> pools, String key, Consumer<Pool> action, boolean create) {
    Pool pool = create ? pools.computeIfAbsent(key, k -> new Pool()) : pools.get(key);
    if (pool != null) {
      action.accept(pool);
      if (pool.isEmpty()) {
        pools.remove(key);
      }
    }
  }
}
