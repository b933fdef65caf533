package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IdentityIntegrationTest
class TenantIntegrationTests {

  @LocalServerPort int port;
  Api api;
  Wallet owner;
  String ownerToken;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    owner = new Wallet();
    ownerToken = api.sessionToken(owner);
  }

  private Api.Reply addMember(String caller, Wallet who, String role) {
    return api.send(
        "POST",
        "/v1/tenants/me/members",
        Map.of("address", who.address.toLowerCase(), "role", role),
        caller);
  }

  @Test
  void firstSignInCreatesATenantOwnedByTheWallet() {
    Api.Reply me = api.send("GET", "/v1/tenants/me", null, ownerToken);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.str("role")).isEqualTo("owner");
    assertThat(me.str("name")).contains(owner.address);
    Api.Reply members = api.send("GET", "/v1/tenants/me/members", null, ownerToken);
    assertThat(members.json()).hasSize(1);
    assertThat(members.json().get(0).get("address").asString()).isEqualTo(owner.address);
  }

  @Test
  void addedMemberSignsInToTheTenantWithTheRolesScopes() {
    String tenant = api.send("GET", "/v1/tenants/me", null, ownerToken).str("tenantId");
    Wallet viewer = new Wallet();
    Api.Reply added = addMember(ownerToken, viewer, "viewer");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.str("address")).isEqualTo(viewer.address);

    Api.Reply grant = api.verify(viewer.message(api.nonce()).signed(), tenant);
    assertThat(grant.status()).isEqualTo(200);
    assertThat(grant.str("role")).isEqualTo("viewer");
    Api.Reply who = api.authenticate("bearer", grant.str("accessToken"));
    assertThat(who.json().get("scopes").toString()).doesNotContain(":write");
    String viewerToken = Api.gatewayToken(who);
    assertThat(addMember(viewerToken, new Wallet(), "member").status()).isEqualTo(403);
    assertThat(addMember(ownerToken, viewer, "member").status()).isEqualTo(409);
  }

  @Test
  void memberWithoutIdentityWriteCannotManageAndAdminCannotMakeOwners() {
    String tenant = api.send("GET", "/v1/tenants/me", null, ownerToken).str("tenantId");
    Wallet member = new Wallet();
    Wallet admin = new Wallet();
    addMember(ownerToken, member, "member");
    addMember(ownerToken, admin, "admin");
    String memberToken =
        Api.gatewayToken(
            api.authenticate(
                "bearer",
                api.verify(member.message(api.nonce()).signed(), tenant).str("accessToken")));
    assertThat(addMember(memberToken, new Wallet(), "viewer").status()).isEqualTo(403);
    String adminToken =
        Api.gatewayToken(
            api.authenticate(
                "bearer",
                api.verify(admin.message(api.nonce()).signed(), tenant).str("accessToken")));
    assertThat(addMember(adminToken, new Wallet(), "owner").status()).isEqualTo(403);
    assertThat(addMember(adminToken, new Wallet(), "viewer").status()).isEqualTo(201);
  }

  @Test
  void theLastOwnerCannotBeRemovedAndARemovedMemberLosesAccess() {
    String tenant = api.send("GET", "/v1/tenants/me", null, ownerToken).str("tenantId");
    Api.Reply last =
        api.send("DELETE", "/v1/tenants/me/members/" + owner.address, null, ownerToken);
    assertThat(last.status()).isEqualTo(409);
    assertThat(last.isProblem()).isTrue();

    Wallet member = new Wallet();
    addMember(ownerToken, member, "member");
    String access = api.verify(member.message(api.nonce()).signed(), tenant).str("accessToken");
    assertThat(api.authenticate("bearer", access).status()).isEqualTo(200);

    assertThat(
            api.send("DELETE", "/v1/tenants/me/members/" + member.address, null, ownerToken)
                .status())
        .isEqualTo(204);
    assertThat(api.authenticate("bearer", access).status()).isEqualTo(401);
    assertThat(
            api.send("DELETE", "/v1/tenants/me/members/" + member.address, null, ownerToken)
                .status())
        .isEqualTo(404);
    assertThat(
            api.send(
                    "POST",
                    "/v1/tenants/me/members",
                    Map.of("address", "0x12", "role", "member"),
                    ownerToken)
                .status())
        .isEqualTo(400);
    assertThat(
            api.send(
                    "POST",
                    "/v1/tenants/me/members",
                    Map.of("address", new Wallet().address, "role", "god"),
                    ownerToken)
                .status())
        .isEqualTo(400);
  }
}
