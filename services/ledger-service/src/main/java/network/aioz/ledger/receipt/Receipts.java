package network.aioz.ledger.receipt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.ledger.activity.EpochActivity;
import network.aioz.ledger.activity.NodeActivity;
import network.aioz.ledger.edge.EdgeRegistry;
import network.aioz.ledger.reputation.NodeStatus;
import network.aioz.ledger.support.EpochClock;
import network.aioz.ledger.support.NodeAddress;
import network.aioz.ledger.task.TaskService;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Hash;

/**
 * Records receipts of proven work, seals epochs and answers receipts with their inclusion proofs.
 */
@Service
public class Receipts {

  static final String TOPIC = "ledger.epoch";
  private static final Logger log = LoggerFactory.getLogger(Receipts.class);

  private final ReceiptRepository repository;
  private final TaskService tasks;
  private final EpochClock epochs;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final NodeActivity activity;
  private final EdgeRegistry registry;
  private final Map<Long, EpochTree> recentTrees =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, EpochTree> eldest) {
              return size() > 4;
            }
          });

  Receipts(
      ReceiptRepository repository,
      TaskService tasks,
      EpochClock epochs,
      Outbox outbox,
      TransactionTemplate tx,
      Clock clock,
      NodeActivity activity,
      EdgeRegistry registry) {
    this.activity = activity;
    this.registry = registry;
    this.repository = repository;
    this.tasks = tasks;
    this.epochs = epochs;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Records the receipt of a proven task in the caller's transaction, in the current epoch (or the
   * first unsealed one, should this replica's clock lag behind the sealer's).
   */
  public WorkReceipt record(
      UUID taskId, String node, WorkKind kind, BigInteger units, String proofRef) {
    long epoch = Math.max(epochs.current(), repository.lastSealed() + 1);
    WorkReceipt receipt =
        WorkReceipt.of(taskId, node, kind, units, epoch, proofReference(proofRef));
    if (repository.insert(taskId, receipt, clock.instant())) {
      activity.proven(node, epoch);
    }
    return receipt;
  }

  /**
   * A proof reference that is not already 32 bytes of hex is bound into the receipt by its
   * keccak256.
   */
  static Bytes32 proofReference(String proofRef) {
    if (proofRef != null && proofRef.matches("0x[0-9a-fA-F]{64}")) {
      return Bytes32.fromHex(proofRef);
    }
    String text = proofRef == null ? "" : proofRef;
    return Bytes32.of(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Seals every finished epoch that has receipts. */
  @Scheduled(fixedDelayString = "${ledger.seal-interval:PT2S}")
  public void sealFinishedEpochs() {
    for (long epoch : repository.unsealedUpTo(epochs.lastSealable())) {
      if (!seal(epoch)) {
        return; // another replica is sealing: it takes the epochs in order, this one must not
      }
    }
  }

  /** Seals the epoch unless it is sealed; false when another replica holds the sealing lock. */
  boolean seal(long epoch) {
    return Boolean.TRUE.equals(tx.execute(status -> sealLocked(epoch)));
  }

  private boolean sealLocked(long epoch) {
    if (!repository.lockSealing()) {
      return false;
    }
    if (repository.isSealed(epoch)) {
      return true;
    }
    List<ReceiptRepository.StoredReceipt> stored = repository.ofEpoch(epoch);
    EpochTree tree =
        EpochTree.of(epoch, stored.stream().map(ReceiptRepository.StoredReceipt::receipt).toList());
    List<SealedEpoch.NodeTotal> totals = totals(stored);
    Long previous = repository.previousOf(epoch);
    SealedEpoch sealed =
        new SealedEpoch(
            epoch,
            epochs.start(epoch),
            epochs.end(epoch),
            tree.root().toHex(),
            stored.size(),
            previous,
            clock.instant(),
            totals,
            stats(epoch, previous, totals));
    repository.insertEpoch(sealed);
    int settled =
        tasks.settleProven(stored.stream().map(ReceiptRepository.StoredReceipt::taskId).toList());
    outbox.append(TOPIC, Long.toString(epoch), "network.aioz.ledger.EpochSealed", sealed);
    recentTrees.put(epoch, tree);
    log.info(
        "sealed epoch {}: {} receipts, root {}, {} tasks settled",
        epoch,
        stored.size(),
        sealed.root(),
        settled);
    return true;
  }

  /**
   * Every node active towards the epoch, with its status now; nodes with receipts always. Addresses
   * are lower case, as in receipts and totals.
   */
  private List<SealedEpoch.NodeStats> stats(
      long epoch, Long previous, List<SealedEpoch.NodeTotal> totals) {
    Map<String, EpochActivity> byNode = new java.util.TreeMap<>();
    for (EpochActivity a : activity.towards(epoch, previous == null ? -1 : previous)) {
      String address = a.nodeAddress().toLowerCase(java.util.Locale.ROOT);
      byNode.merge(
          address,
          new EpochActivity(
              address, a.tasksAssigned(), a.tasksCompleted(), a.faults(), a.uptimeSeconds()),
          (x, y) ->
              new EpochActivity(
                  address,
                  x.tasksAssigned() + y.tasksAssigned(),
                  x.tasksCompleted() + y.tasksCompleted(),
                  x.faults() + y.faults(),
                  x.uptimeSeconds() + y.uptimeSeconds()));
    }
    for (SealedEpoch.NodeTotal total : totals) {
      // receipts recorded before activity was counted
      byNode.putIfAbsent(total.nodeAddress(), new EpochActivity(total.nodeAddress(), 0, 0, 0, 0));
    }
    Map<String, NodeStatus> statuses =
        registry.statuses(byNode.keySet().stream().map(NodeAddress::canonical).toList());
    List<SealedEpoch.NodeStats> stats = new ArrayList<>();
    for (EpochActivity a : byNode.values()) {
      NodeStatus status = statuses.get(NodeAddress.canonical(a.nodeAddress()));
      stats.add(
          new SealedEpoch.NodeStats(
              a.nodeAddress(),
              a.tasksAssigned(),
              a.tasksCompleted(),
              a.faults(),
              a.uptimeSeconds(),
              status == null ? null : status.name()));
    }
    return stats;
  }

  private static List<SealedEpoch.NodeTotal> totals(List<ReceiptRepository.StoredReceipt> stored) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, BigInteger> units = new LinkedHashMap<>();
    for (ReceiptRepository.StoredReceipt s : stored) {
      String key = s.receipt().node() + "|" + s.receipt().kind().name();
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      units.merge(key, s.receipt().units(), BigInteger::add);
    }
    List<SealedEpoch.NodeTotal> totals = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(counts.keySet())) {
      String[] parts = key.split("\\|");
      totals.add(new SealedEpoch.NodeTotal(parts[0], parts[1], counts.get(key)[0], units.get(key)));
    }
    return totals;
  }

  public ReceiptProof proof(UUID taskId) {
    ReceiptRepository.StoredReceipt stored =
        repository.find(taskId).orElseThrow(() -> ApiProblem.notFound("receipt of task " + taskId));
    long epoch = stored.receipt().epoch();
    SealedEpoch sealed =
        repository
            .findEpoch(epoch)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.CONFLICT,
                        "epoch-not-sealed",
                        "Epoch not sealed yet",
                        "the receipt is in epoch "
                            + epoch
                            + ", which ends at "
                            + epochs.end(epoch)
                            + " and is sealed shortly after",
                        Map.of("epoch", epoch, "endsAt", epochs.end(epoch).toString())));
    EpochTree tree =
        recentTrees.computeIfAbsent(
            epoch,
            e ->
                EpochTree.of(
                    e,
                    repository.ofEpoch(e).stream()
                        .map(ReceiptRepository.StoredReceipt::receipt)
                        .toList()));
    if (!tree.root().toHex().equalsIgnoreCase(sealed.root())) {
      throw new IllegalStateException(
          "epoch " + epoch + " receipts no longer match its sealed root");
    }
    WorkReceipt receipt = stored.receipt();
    return new ReceiptProof(
        new ReceiptProof.Receipt(
            taskId.toString(),
            receipt.taskId().toHex(),
            receipt.node(),
            receipt.kind().name(),
            receipt.kind().code(),
            receipt.units(),
            receipt.epoch(),
            receipt.proofRef().toHex()),
        receipt.leafHash().toHex(),
        tree.proof(receipt).stream().map(Bytes32::toHex).toList(),
        sealed.root(),
        WorkReceipt.SOLIDITY_TYPES);
  }

  public SealedEpoch epoch(long number) {
    return repository
        .findEpoch(number)
        .orElseThrow(() -> ApiProblem.notFound("sealed epoch " + number));
  }

  public List<Long> latestEpochs(int limit) {
    return repository.latestEpochs(limit);
  }
}
