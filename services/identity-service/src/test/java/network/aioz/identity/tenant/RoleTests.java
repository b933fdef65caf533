package network.aioz.identity.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.aioz.identity.support.Scopes;
import org.junit.jupiter.api.Test;

class RoleTests {

  @Test
  void rolesGrantTheirScopes() {
    assertThat(Scopes.ALL)
        .hasSize(16)
        .contains("webhooks:write", "ai:read", "ledger:read", "proof:read")
        .doesNotContain("ledger:write", "proof:write");
    assertThat(Role.OWNER.scopes()).isEqualTo(Scopes.ALL);
    assertThat(Role.ADMIN.scopes()).isEqualTo(Scopes.ALL);
    assertThat(Role.MEMBER.scopes())
        .hasSize(15)
        .doesNotContain("identity:write")
        .contains("identity:read", "storage:write");
    assertThat(Role.VIEWER.scopes()).hasSize(9).allMatch(s -> s.endsWith(":read"));
    assertThat(Scopes.ALL).doesNotContain(Scopes.IDENTITY_INTERNAL);
  }

  @Test
  void parsesOnlyTheFourRoles() {
    assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> Role.parse("ADMIN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Role.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scopesAreOrderedByTheVocabulary() {
    assertThat(Scopes.ordered(java.util.Set.of("billing:read", "storage:write", "storage:read")))
        .containsExactly("storage:read", "storage:write", "billing:read");
  }
}
