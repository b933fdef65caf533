package network.aioz.ledger.edge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.aioz.ledger.reputation.BetaTrack;
import network.aioz.ledger.reputation.NodeReputation;
import network.aioz.ledger.reputation.NodeStatus;
import network.aioz.ledger.reputation.ReputationSettings;
import network.aioz.ledger.support.StrictJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores edge nodes in the ledger's {@code edge_node} table. */
@Repository
class EdgeRepository {

  private static final String COLUMNS =
      "address, region, fault_domain, endpoint, agent_version, capabilities::text as capabilities, status,"
          + " registered_at, updated_at, last_heartbeat_at, heartbeat_sequence, used_bytes, running_tasks,"
          + " draining, uptime_checks, uptime_online, audit_alpha, audit_beta, unknown_alpha, unknown_beta,"
          + " completion_alpha, completion_beta, uptime_alpha, uptime_beta, passed_audits, last_audit_at,"
          + " suspended_at";

  private final JdbcClient jdbc;
  private final StrictJson json;
  private final ReputationSettings reputationSettings;

  EdgeRepository(JdbcClient jdbc, StrictJson json, ReputationSettings reputationSettings) {
    this.jdbc = jdbc;
    this.json = json;
    this.reputationSettings = reputationSettings;
  }

  Optional<EdgeNode> find(String address) {
    return jdbc.sql("select " + COLUMNS + " from edge_node where address = ?")
        .param(address)
        .query(this::map)
        .optional();
  }

  /**
   * Loads the node and locks its row until the transaction ends, so concurrent updates serialize.
   */
  Optional<EdgeNode> lock(String address) {
    return jdbc.sql("select " + COLUMNS + " from edge_node where address = ? for update")
        .param(address)
        .query(this::map)
        .optional();
  }

  List<EdgeNode> findAll() {
    return jdbc.sql("select " + COLUMNS + " from edge_node order by address")
        .query(this::map)
        .list();
  }

  List<EdgeNode> findPage(String region, String status, String after, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from edge_node where (cast(:region as text) is null or region = :region)"
                + " and (cast(:status as text) is null or status = :status)"
                + " and (cast(:after as text) is null or address > :after)"
                + " order by address limit :limit")
        .param("region", region)
        .param("status", status)
        .param("after", after)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  List<String> addressesWithStatus(NodeStatus... statuses) {
    return jdbc.sql("select address from edge_node where status = any(:statuses) order by address")
        .param("statuses", java.util.Arrays.stream(statuses).map(Enum::name).toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /**
   * Inserts a new node; false when a node with its address exists already (a concurrent
   * registration).
   */
  boolean insert(EdgeNode node) {
    return jdbc.sql(
                "insert into edge_node (address, region, fault_domain, endpoint, agent_version, capabilities,"
                    + " status, registered_at, updated_at, last_heartbeat_at, heartbeat_sequence, used_bytes,"
                    + " running_tasks, draining, uptime_checks, uptime_online, audit_alpha, audit_beta,"
                    + " unknown_alpha, unknown_beta, completion_alpha, completion_beta, uptime_alpha, uptime_beta,"
                    + " passed_audits, last_audit_at, suspended_at) values (:address, :region, :faultDomain,"
                    + " :endpoint, :agentVersion, cast(:capabilities as jsonb), :status, :registeredAt,"
                    + " :updatedAt, :lastHeartbeatAt, :heartbeatSequence, :usedBytes, :runningTasks, :draining,"
                    + " :uptimeChecks, :uptimeOnline, :auditAlpha, :auditBeta, :unknownAlpha, :unknownBeta,"
                    + " :completionAlpha, :completionBeta, :uptimeAlpha, :uptimeBeta, :passedAudits,"
                    + " :lastAuditAt, :suspendedAt) on conflict (address) do nothing")
            .paramSource(params(node))
            .update()
        == 1;
  }

  void update(EdgeNode node) {
    jdbc.sql(
            "update edge_node set region = :region, fault_domain = :faultDomain, endpoint = :endpoint,"
                + " agent_version = :agentVersion, capabilities = cast(:capabilities as jsonb),"
                + " status = :status, updated_at = :updatedAt, last_heartbeat_at = :lastHeartbeatAt,"
                + " heartbeat_sequence = :heartbeatSequence, used_bytes = :usedBytes,"
                + " running_tasks = :runningTasks, draining = :draining, uptime_checks = :uptimeChecks,"
                + " uptime_online = :uptimeOnline, audit_alpha = :auditAlpha, audit_beta = :auditBeta,"
                + " unknown_alpha = :unknownAlpha, unknown_beta = :unknownBeta,"
                + " completion_alpha = :completionAlpha, completion_beta = :completionBeta,"
                + " uptime_alpha = :uptimeAlpha, uptime_beta = :uptimeBeta, passed_audits = :passedAudits,"
                + " last_audit_at = :lastAuditAt, suspended_at = :suspendedAt where address = :address")
        .paramSource(params(node))
        .update();
  }

  private java.util.Map<String, Object> params(EdgeNode node) {
    NodeReputation r = node.reputation();
    var p = new java.util.HashMap<String, Object>();
    p.put("address", node.address());
    p.put("region", node.region());
    p.put("faultDomain", node.faultDomain());
    p.put("endpoint", node.endpoint());
    p.put("agentVersion", node.agentVersion());
    p.put("capabilities", json.writeString(node.capabilities()));
    p.put("status", node.status().name());
    p.put("registeredAt", ts(node.registeredAt()));
    p.put("updatedAt", ts(node.updatedAt()));
    p.put("lastHeartbeatAt", ts(node.lastHeartbeatAt()));
    p.put("heartbeatSequence", node.heartbeatSequence());
    p.put("usedBytes", node.usedBytes());
    p.put("runningTasks", node.runningTasks());
    p.put("draining", node.draining());
    p.put("uptimeChecks", node.uptimeChecks());
    p.put("uptimeOnline", node.uptimeOnline());
    p.put("auditAlpha", r.audit().alpha());
    p.put("auditBeta", r.audit().beta());
    p.put("unknownAlpha", r.unknownAudit().alpha());
    p.put("unknownBeta", r.unknownAudit().beta());
    p.put("completionAlpha", r.completion().alpha());
    p.put("completionBeta", r.completion().beta());
    p.put("uptimeAlpha", r.uptime().alpha());
    p.put("uptimeBeta", r.uptime().beta());
    p.put("passedAudits", r.passedAudits());
    p.put("lastAuditAt", ts(r.lastAuditAt()));
    p.put("suspendedAt", ts(r.suspendedAt()));
    return p;
  }

  private EdgeNode map(ResultSet rs, int row) throws SQLException {
    NodeReputation reputation =
        NodeReputation.restore(
            reputationSettings,
            new BetaTrack(rs.getDouble("audit_alpha"), rs.getDouble("audit_beta")),
            new BetaTrack(rs.getDouble("unknown_alpha"), rs.getDouble("unknown_beta")),
            new BetaTrack(rs.getDouble("completion_alpha"), rs.getDouble("completion_beta")),
            new BetaTrack(rs.getDouble("uptime_alpha"), rs.getDouble("uptime_beta")),
            rs.getLong("passed_audits"),
            instant(rs, "last_audit_at"),
            instant(rs, "suspended_at"));
    return new EdgeNode(
        rs.getString("address"),
        rs.getString("region"),
        rs.getString("fault_domain"),
        rs.getString("endpoint"),
        rs.getString("agent_version"),
        json.readString(rs.getString("capabilities"), Capabilities.class),
        NodeStatus.valueOf(rs.getString("status")),
        instant(rs, "registered_at"),
        instant(rs, "updated_at"),
        instant(rs, "last_heartbeat_at"),
        rs.getLong("heartbeat_sequence"),
        rs.getLong("used_bytes"),
        rs.getInt("running_tasks"),
        rs.getBoolean("draining"),
        rs.getLong("uptime_checks"),
        rs.getLong("uptime_online"),
        reputation);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
