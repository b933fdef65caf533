package network.aioz.identity.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.outbox.Outbox;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants and memberships: the first sign-in of a wallet creates its tenant, members are added and
 * removed by owners and admins, and a tenant always keeps an owner.
 */
@Service
public class Tenants {

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final Clock clock;

  Tenants(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
  }

  public Optional<Tenant> find(UUID tenantId) {
    return jdbc
        .query(
            "select id, name, created_at from tenant where id = ?",
            (rs, i) ->
                new Tenant(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant()),
            tenantId)
        .stream()
        .findFirst();
  }

  public Optional<Membership> membership(UUID tenantId, String address) {
    return jdbc
        .query(
            "select tenant_id, address, role, added_at from member where tenant_id = ? and address = ?",
            Tenants::membership,
            tenantId,
            address)
        .stream()
        .findFirst();
  }

  public List<Membership> members(UUID tenantId) {
    return jdbc.query(
        "select tenant_id, address, role, added_at from member where tenant_id = ?"
            + " order by added_at, address",
        Tenants::membership,
        tenantId);
  }

  /**
   * The tenant a wallet signs in to: {@code requested} if it is a member there, else its oldest
   * membership, else a new tenant it owns. Serialized per address so that two first sign-ins at
   * once create one tenant.
   */
  @Transactional
  public Membership signInTenant(String address, UUID requested) {
    jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", address);
    if (requested != null) {
      return membership(requested, address)
          .orElseThrow(
              () ->
                  new ApiProblem(
                      HttpStatus.FORBIDDEN,
                      "not-a-member",
                      "Not a member",
                      address + " is not a member of tenant " + requested));
    }
    Optional<Membership> oldest =
        jdbc
            .query(
                "select tenant_id, address, role, added_at from member where address = ?"
                    + " order by added_at, tenant_id limit 1",
                Tenants::membership,
                address)
            .stream()
            .findFirst();
    return oldest.orElseGet(() -> create(address));
  }

  private Membership create(String owner) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    String name = "tenant of " + owner;
    jdbc.update(
        "insert into tenant (id, name, created_at) values (?, ?, ?)",
        id,
        name,
        Timestamp.from(now));
    jdbc.update(
        "insert into member (tenant_id, address, role, added_at) values (?, ?, ?, ?)",
        id,
        owner,
        Role.OWNER.value(),
        Timestamp.from(now));
    outbox.appendAll(
        List.of(
            new Outbox.PendingEvent(
                TenantEvents.TOPIC,
                id.toString(),
                TenantEvents.TENANT_CREATED,
                new TenantEvents.TenantCreated(id.toString(), name, owner)),
            new Outbox.PendingEvent(
                TenantEvents.TOPIC,
                id.toString(),
                TenantEvents.MEMBER_ADDED,
                new TenantEvents.MemberAdded(id.toString(), owner, Role.OWNER.value(), owner))));
    return new Membership(id, owner, Role.OWNER, now);
  }

  @Transactional
  Membership addMember(UUID tenantId, String address, Role role, String addedBy) {
    Instant now = clock.instant();
    int added =
        jdbc.update(
            "insert into member (tenant_id, address, role, added_at) values (?, ?, ?, ?)"
                + " on conflict do nothing",
            tenantId,
            address,
            role.value(),
            Timestamp.from(now));
    if (added == 0) {
      throw ApiProblem.conflict(
          "member-exists", "Already a member", address + " is already a member of this tenant");
    }
    outbox.append(
        TenantEvents.TOPIC,
        tenantId.toString(),
        TenantEvents.MEMBER_ADDED,
        new TenantEvents.MemberAdded(tenantId.toString(), address, role.value(), addedBy));
    return new Membership(tenantId, address, role, now);
  }

  /** Removes a member; the tenant's owners are locked so two removals cannot drop the last one. */
  @Transactional
  void removeMember(UUID tenantId, String address, String removedBy) {
    List<String> owners =
        jdbc.queryForList(
            "select address from member where tenant_id = ? and role = 'owner' for update",
            String.class,
            tenantId);
    Membership member =
        membership(tenantId, address).orElseThrow(() -> ApiProblem.notFound("member " + address));
    if (member.role() == Role.OWNER && owners.size() <= 1) {
      throw ApiProblem.conflict(
          "last-owner", "Last owner", "the last owner of a tenant cannot be removed");
    }
    jdbc.update("delete from member where tenant_id = ? and address = ?", tenantId, address);
    outbox.append(
        TenantEvents.TOPIC,
        tenantId.toString(),
        TenantEvents.MEMBER_REMOVED,
        new TenantEvents.MemberRemoved(tenantId.toString(), address, removedBy));
  }

  private static Membership membership(ResultSet rs, int row) throws SQLException {
    return new Membership(
        rs.getObject("tenant_id", UUID.class),
        rs.getString("address"),
        Role.parse(rs.getString("role")),
        rs.getTimestamp("added_at").toInstant());
  }
}
