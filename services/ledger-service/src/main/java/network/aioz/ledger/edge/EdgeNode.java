package network.aioz.ledger.edge;

import java.time.Instant;
import network.aioz.ledger.reputation.AuditOutcome;
import network.aioz.ledger.reputation.NodeReputation;
import network.aioz.ledger.reputation.NodeStatus;
import network.aioz.ledger.reputation.ReputationDecision;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** One edge node as the ledger knows it; state changes are methods that check their own rules. */
final class EdgeNode {

  private final String address;
  private final Instant registeredAt;
  private String region;
  private String faultDomain;
  private String endpoint;
  private String agentVersion;
  private Capabilities capabilities;
  private NodeStatus status;
  private Instant updatedAt;
  private Instant lastHeartbeatAt;
  private long heartbeatSequence;
  private long usedBytes;
  private int runningTasks;
  private boolean draining;
  private long uptimeChecks;
  private long uptimeOnline;
  private NodeReputation reputation;

  EdgeNode(
      String address,
      String region,
      String faultDomain,
      String endpoint,
      String agentVersion,
      Capabilities capabilities,
      NodeStatus status,
      Instant registeredAt,
      Instant updatedAt,
      Instant lastHeartbeatAt,
      long heartbeatSequence,
      long usedBytes,
      int runningTasks,
      boolean draining,
      long uptimeChecks,
      long uptimeOnline,
      NodeReputation reputation) {
    this.address = address;
    this.region = region;
    this.faultDomain = faultDomain;
    this.endpoint = endpoint;
    this.agentVersion = agentVersion;
    this.capabilities = capabilities;
    this.status = status;
    this.registeredAt = registeredAt;
    this.updatedAt = updatedAt;
    this.lastHeartbeatAt = lastHeartbeatAt;
    this.heartbeatSequence = heartbeatSequence;
    this.usedBytes = usedBytes;
    this.runningTasks = runningTasks;
    this.draining = draining;
    this.uptimeChecks = uptimeChecks;
    this.uptimeOnline = uptimeOnline;
    this.reputation = reputation;
  }

  /** A new node starts in vetting with a fresh reputation. */
  static EdgeNode register(
      EdgeRequests.Registration declaration, NodeReputation freshReputation, Instant now) {
    return new EdgeNode(
        declaration.address(),
        declaration.region(),
        faultDomainOf(declaration),
        declaration.endpoint(),
        declaration.agentVersion(),
        declaration.capabilities(),
        NodeStatus.VETTING,
        now,
        now,
        null,
        -1,
        0,
        0,
        false,
        0,
        0,
        freshReputation);
  }

  /**
   * A known node declares itself again (after a restart or an upgrade); it keeps its status and
   * reputation.
   */
  void redeclare(EdgeRequests.Registration declaration, Instant now) {
    if (status == NodeStatus.EJECTED) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "node-ejected",
          "Node ejected",
          "node " + address + " was ejected and cannot register again");
    }
    region = declaration.region();
    faultDomain = faultDomainOf(declaration);
    endpoint = declaration.endpoint();
    agentVersion = declaration.agentVersion();
    capabilities = declaration.capabilities();
    draining = false;
    updatedAt = now;
  }

  /**
   * Accepts a heartbeat; sequences must strictly increase, so a captured heartbeat cannot be
   * replayed to fake uptime.
   */
  void heartbeat(EdgeRequests.Heartbeat beat, Instant now) {
    if (status == NodeStatus.EJECTED) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN, "node-ejected", "Node ejected", "node " + address + " was ejected");
    }
    if (beat.sequence() <= heartbeatSequence) {
      throw ApiProblem.conflict(
          "heartbeat-replayed",
          "Heartbeat replayed",
          "heartbeat sequence "
              + beat.sequence()
              + " is not greater than the last accepted "
              + heartbeatSequence);
    }
    heartbeatSequence = beat.sequence();
    usedBytes = beat.usedBytes();
    runningTasks = beat.runningTasks();
    draining = beat.draining();
    lastHeartbeatAt = now;
    updatedAt = now;
  }

  /** One uptime observation by the ledger's sweep: was the node heard from recently enough? */
  ReputationDecision observeUptime(boolean online, Instant now) {
    uptimeChecks++;
    if (online) {
      uptimeOnline++;
    }
    reputation = reputation.recordUptime(online);
    return evaluate(now);
  }

  ReputationDecision recordAudit(AuditOutcome outcome, boolean taskCompleted, Instant now) {
    reputation = reputation.recordAudit(outcome, now);
    if (outcome != AuditOutcome.UNKNOWN) {
      reputation = reputation.recordTaskOutcome(taskCompleted);
    }
    return evaluate(now);
  }

  ReputationDecision recordTaskOutcome(boolean completed, Instant now) {
    reputation = reputation.recordTaskOutcome(completed);
    return evaluate(now);
  }

  private ReputationDecision evaluate(Instant now) {
    ReputationDecision decision = reputation.evaluate(status, now);
    reputation = decision.reputation();
    status = decision.status();
    updatedAt = now;
    return decision;
  }

  boolean heardFromSince(Instant cutoff) {
    return lastHeartbeatAt != null && !lastHeartbeatAt.isBefore(cutoff);
  }

  double uptimeRatio() {
    return uptimeChecks == 0 ? 1.0 : (double) uptimeOnline / uptimeChecks;
  }

  private static String faultDomainOf(EdgeRequests.Registration declaration) {
    return declaration.faultDomain() == null || declaration.faultDomain().isBlank()
        ? declaration.region()
        : declaration.faultDomain();
  }

  String address() {
    return address;
  }

  String region() {
    return region;
  }

  String faultDomain() {
    return faultDomain;
  }

  String endpoint() {
    return endpoint;
  }

  String agentVersion() {
    return agentVersion;
  }

  Capabilities capabilities() {
    return capabilities;
  }

  NodeStatus status() {
    return status;
  }

  Instant registeredAt() {
    return registeredAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  Instant lastHeartbeatAt() {
    return lastHeartbeatAt;
  }

  long heartbeatSequence() {
    return heartbeatSequence;
  }

  long usedBytes() {
    return usedBytes;
  }

  int runningTasks() {
    return runningTasks;
  }

  boolean draining() {
    return draining;
  }

  long uptimeChecks() {
    return uptimeChecks;
  }

  long uptimeOnline() {
    return uptimeOnline;
  }

  NodeReputation reputation() {
    return reputation;
  }
}
