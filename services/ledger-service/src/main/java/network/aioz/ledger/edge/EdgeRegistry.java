package network.aioz.ledger.edge;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import network.aioz.ledger.activity.NodeActivity;
import network.aioz.ledger.assignment.Assigner;
import network.aioz.ledger.assignment.Eligibility;
import network.aioz.ledger.assignment.NodeCapabilities;
import network.aioz.ledger.assignment.NodeSnapshot;
import network.aioz.ledger.reputation.AuditOutcome;
import network.aioz.ledger.reputation.NodeReputation;
import network.aioz.ledger.reputation.NodeStatus;
import network.aioz.ledger.reputation.ReputationDecision;
import network.aioz.ledger.reputation.ReputationSettings;
import network.aioz.ledger.support.LedgerProperties;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers edges, accepts their heartbeats, applies reputation and status changes, and keeps the
 * assignment index in step with what is committed.
 */
@Service
public class EdgeRegistry {

  private static final Logger log = LoggerFactory.getLogger(EdgeRegistry.class);

  private final EdgeRepository nodes;
  private final Outbox outbox;
  private final Assigner assigner;
  private final ReputationSettings reputationSettings;
  private final LedgerProperties settings;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final NodeActivity activity;

  EdgeRegistry(
      EdgeRepository nodes,
      Outbox outbox,
      Assigner assigner,
      ReputationSettings reputationSettings,
      LedgerProperties settings,
      TransactionTemplate tx,
      Clock clock,
      NodeActivity activity) {
    this.activity = activity;
    this.nodes = nodes;
    this.outbox = outbox;
    this.assigner = assigner;
    this.reputationSettings = reputationSettings;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Registers a node, or takes a known node's new declaration; returns true when the node is new.
   */
  @Transactional
  public boolean register(String signer, EdgeRequests.Registration declaration) {
    if (!signer.equalsIgnoreCase(declaration.address())) {
      throw ApiProblem.unauthorized(
          "the registration is signed by " + signer + ", not by " + declaration.address());
    }
    refuseUnknownCapabilities(declaration.capabilities());
    Instant now = clock.instant();
    // the signer's address is the EIP-55 form, whatever case the edge wrote in its declaration
    EdgeRequests.Registration canonical = withAddress(declaration, signer);
    EdgeNode created = EdgeNode.register(canonical, NodeReputation.fresh(reputationSettings), now);
    if (nodes.insert(created)) {
      outbox.append(
          EdgeEvents.TOPIC,
          signer,
          EdgeEvents.PREFIX + "EdgeRegistered",
          new EdgeEvents.EdgeRegistered(signer, created.region(), created.faultDomain()));
      refreshIndexAfterCommit(created);
      return true;
    }
    // known already (or registered concurrently a moment ago): take its new declaration
    EdgeNode node = nodes.lock(signer).orElseThrow();
    node.redeclare(canonical, now);
    nodes.update(node);
    outbox.append(
        EdgeEvents.TOPIC,
        signer,
        EdgeEvents.PREFIX + "EdgeRedeclared",
        new EdgeEvents.EdgeRedeclared(signer, node.region(), node.faultDomain()));
    refreshIndexAfterCommit(node);
    return false;
  }

  @Transactional
  public EdgeRequests.HeartbeatAccepted heartbeat(
      String address, String signer, EdgeRequests.Heartbeat beat) {
    if (!signer.equalsIgnoreCase(address)) {
      throw ApiProblem.forbidden("a node may only heartbeat for itself");
    }
    EdgeNode node = nodes.lock(address).orElseThrow(() -> ApiProblem.notFound("node " + address));
    Instant previous = node.lastHeartbeatAt();
    Instant now = clock.instant();
    node.heartbeat(beat, now);
    nodes.update(node);
    activity.heartbeat(node.address(), previous, now);
    refreshIndexAfterCommit(node);
    return new EdgeRequests.HeartbeatAccepted(
        node.status().name(), settings.heartbeatInterval().toSeconds());
  }

  public EdgeRequests.NodeView view(String address) {
    return nodes
        .find(address)
        .map(this::view)
        .orElseThrow(() -> ApiProblem.notFound("node " + address));
  }

  /** Each known node's status, by address; unknown addresses are left out. */
  public java.util.Map<String, NodeStatus> statuses(java.util.Collection<String> addresses) {
    java.util.Map<String, NodeStatus> statuses = new java.util.TreeMap<>();
    for (String address : addresses) {
      nodes.find(address).ifPresent(node -> statuses.put(address, node.status()));
    }
    return statuses;
  }

  public List<EdgeRequests.NodeView> list(String region, String status, String after, int limit) {
    return nodes.findPage(region, status, after, limit).stream().map(this::view).toList();
  }

  /** Where a node serves its pieces. */
  public String endpointOf(String address) {
    return nodes
        .find(address)
        .map(EdgeNode::endpoint)
        .orElseThrow(() -> ApiProblem.notFound("node " + address));
  }

  /**
   * Applies a proof result to the node's reputation (in the caller's transaction) and returns its
   * status afterwards.
   */
  public NodeStatus recordAudit(String address, AuditOutcome outcome, boolean taskCompleted) {
    EdgeNode node = nodes.lock(address).orElseThrow(() -> ApiProblem.notFound("node " + address));
    NodeStatus before = node.status();
    ReputationDecision decision = node.recordAudit(outcome, taskCompleted, clock.instant());
    persistDecision(node, before, decision);
    return node.status();
  }

  /**
   * A task ended without a proof (the node gave up or timed out): only the completion track moves.
   */
  public void recordTaskOutcome(String address, boolean completed) {
    EdgeNode node = nodes.lock(address).orElseThrow(() -> ApiProblem.notFound("node " + address));
    NodeStatus before = node.status();
    persistDecision(node, before, node.recordTaskOutcome(completed, clock.instant()));
  }

  private void persistDecision(EdgeNode node, NodeStatus before, ReputationDecision decision) {
    nodes.update(node);
    if (node.status() != before) {
      log.info("node {} {} -> {}: {}", node.address(), before, node.status(), decision.reason());
      outbox.append(
          EdgeEvents.TOPIC,
          node.address(),
          EdgeEvents.PREFIX + "EdgeStatusChanged",
          new EdgeEvents.EdgeStatusChanged(
              node.address(), before.name(), node.status().name(), decision.reason()));
    }
    refreshIndexAfterCommit(node);
  }

  /**
   * Every node not ejected gets one uptime observation per check: online when it was heard from
   * within two heartbeat intervals. Nodes that fell silent leave the assignment index until they
   * heartbeat again.
   */
  @Scheduled(
      fixedDelayString = "${ledger.uptime-check-interval:PT1M}",
      initialDelayString = "${ledger.uptime-check-interval:PT1M}")
  public void checkUptime() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(settings.heartbeatInterval().multipliedBy(2));
    for (String address :
        nodes.addressesWithStatus(NodeStatus.VETTING, NodeStatus.ACTIVE, NodeStatus.SUSPENDED)) {
      tx.executeWithoutResult(
          status ->
              nodes
                  .lock(address)
                  .ifPresent(
                      node -> {
                        NodeStatus before = node.status();
                        persistDecision(
                            node, before, node.observeUptime(node.heardFromSince(cutoff), now));
                      }));
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void loadIndex() {
    List<EdgeNode> all = nodes.findAll();
    all.forEach(this::refreshIndex);
    log.info("assignment index loaded with {} of {} nodes", assigner.size(), all.size());
  }

  private void refreshIndexAfterCommit(EdgeNode node) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              refreshIndex(node);
            }
          });
    } else {
      refreshIndex(node);
    }
  }

  private void refreshIndex(EdgeNode node) {
    Instant staleBefore = clock.instant().minus(settings.heartbeatInterval().multipliedBy(3));
    boolean eligible =
        (node.status() == NodeStatus.ACTIVE || node.status() == NodeStatus.VETTING)
            && !node.draining()
            && node.heardFromSince(staleBefore);
    if (!eligible) {
      assigner.remove(node.address());
      return;
    }
    Capabilities c = node.capabilities();
    assigner.upsert(
        new NodeSnapshot(
            node.address(),
            node.region(),
            node.faultDomain(),
            new NodeCapabilities(
                c.storageBytes(),
                c.bandwidthBps(),
                c.transcodeCodecs(),
                c.inferenceRuntimes(),
                c.inferenceModels(),
                c.cpuCores(),
                c.gpuCount()),
            Math.max(0, c.storageBytes() - node.usedBytes()),
            node.runningTasks(),
            c.maxConcurrentTasks(),
            node.reputation().combinedScore(),
            node.status() == NodeStatus.ACTIVE ? Eligibility.ACTIVE : Eligibility.VETTING));
  }

  private void refuseUnknownCapabilities(Capabilities capabilities) {
    Set<String> unknown = new TreeSet<>();
    capabilities.transcodeCodecs().stream()
        .filter(codec -> !settings.knownCodecs().contains(codec))
        .forEach(codec -> unknown.add("codec " + codec));
    capabilities.inferenceRuntimes().stream()
        .filter(runtime -> !settings.knownRuntimes().contains(runtime))
        .forEach(runtime -> unknown.add("runtime " + runtime));
    if (!unknown.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "unknown-capability",
          "Unknown capability",
          "the ledger does not know " + String.join(", ", unknown),
          java.util.Map.of("unknown", List.copyOf(unknown)));
    }
  }

  private static EdgeRequests.Registration withAddress(
      EdgeRequests.Registration r, String address) {
    return new EdgeRequests.Registration(
        address, r.region(), r.faultDomain(), r.endpoint(), r.agentVersion(), r.capabilities());
  }

  private EdgeRequests.NodeView view(EdgeNode node) {
    NodeReputation r = node.reputation();
    return new EdgeRequests.NodeView(
        node.address(),
        node.region(),
        node.faultDomain(),
        node.endpoint(),
        node.agentVersion(),
        node.status().name(),
        node.capabilities(),
        node.registeredAt(),
        node.lastHeartbeatAt(),
        node.usedBytes(),
        node.runningTasks(),
        node.draining(),
        node.uptimeRatio(),
        new EdgeRequests.Reputation(
            r.auditScore(),
            r.unknownAuditScore(),
            r.completionScore(),
            r.uptimeScore(),
            r.passedAudits(),
            r.rewardMultiplier(node.status())),
        settings.heartbeatInterval().toSeconds());
  }
}
