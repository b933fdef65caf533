package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IdentityIntegrationTest
class S3KeyIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  Api api;
  String owner;
  String storage;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    owner = api.sessionToken(new Wallet());
    storage = IdentityTestInfra.serviceToken("identity:internal");
  }

  private Api.Reply create() {
    Api.Reply reply = api.send("POST", "/v1/s3-keys", Map.of("name", "rclone"), owner);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply;
  }

  @Test
  void secretIsShownOnceStoredEncryptedAndResolvedForStorage() {
    Api.Reply created = create();
    String id = created.str("accessKeyId");
    String secret = created.str("secretAccessKey");
    assertThat(id).matches("AKAZ[A-Z2-7]{16}");
    assertThat(secret).hasSize(40).matches("[A-Za-z0-9+/]{40}");

    Map<String, Object> row = jdbc.queryForMap("select * from s3_key where access_key_id = ?", id);
    assertThat((byte[]) row.get("secret_iv")).hasSize(12);
    assertThat(
            new String(
                (byte[]) row.get("secret_ciphertext"),
                java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(secret);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from s3_key where s3_key::text like '%' || ? || '%'",
                Integer.class, secret))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from event_outbox where convert_from(payload, 'UTF8') like '%' ||"
                    + " ? || '%'",
                Integer.class, secret))
        .isZero();

    Api.Reply resolved = api.send("GET", "/internal/v1/s3-keys/" + id, null, storage);
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.str("secretAccessKey")).isEqualTo(secret);
    assertThat(resolved.str("accessKeyId")).isEqualTo(id);
    String tenant = api.send("GET", "/v1/tenants/me", null, owner).str("tenantId");
    assertThat(resolved.str("tenantId")).isEqualTo(tenant);

    Api.Reply listed = api.send("GET", "/v1/s3-keys", null, owner);
    assertThat(listed.text()).contains(id).doesNotContain(secret);
  }

  @Test
  void revokedKeyNoLongerResolves() {
    String id = create().str("accessKeyId");
    assertThat(api.send("DELETE", "/v1/s3-keys/" + id, null, owner).status()).isEqualTo(204);
    Api.Reply resolved = api.send("GET", "/internal/v1/s3-keys/" + id, null, storage);
    assertThat(resolved.status()).isEqualTo(404);
    assertThat(resolved.isProblem()).isTrue();
    assertThat(api.send("GET", "/v1/s3-keys", null, owner).text()).contains("revokedAt\":\"");
    assertThat(api.send("GET", "/internal/v1/s3-keys/AKAZAAAAAAAAAAAAAAAA", null, storage).status())
        .isEqualTo(404);
  }

  @Test
  void anotherTenantCannotSeeOrRevokeTheKey() {
    String id = create().str("accessKeyId");
    String stranger = api.sessionToken(new Wallet());
    assertThat(api.send("DELETE", "/v1/s3-keys/" + id, null, stranger).status()).isEqualTo(404);
    assertThat(api.send("GET", "/v1/s3-keys", null, stranger).text()).doesNotContain(id);
    assertThat(api.send("GET", "/internal/v1/s3-keys/" + id, null, storage).status())
        .isEqualTo(200);
  }
}
