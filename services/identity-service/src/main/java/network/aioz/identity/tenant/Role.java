package network.aioz.identity.tenant;

import java.util.Locale;
import java.util.Set;
import network.aioz.identity.support.Scopes;

/** What a member may do in a tenant; a wallet session gets its scopes from its role. */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER,
  VIEWER;

  public static Role parse(String value) {
    if (value != null) {
      for (Role role : values()) {
        if (role.value().equals(value)) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("role must be one of owner, admin, member, viewer");
  }

  /** The lower-case name used on the wire and in the database. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Owners and admins get everything, members all but managing identity, viewers only reads. */
  public Set<String> scopes() {
    return switch (this) {
      case OWNER, ADMIN -> Scopes.ALL;
      case MEMBER -> Scopes.matching(s -> !s.equals(Scopes.IDENTITY_WRITE));
      case VIEWER -> Scopes.matching(s -> s.endsWith(":read"));
    };
  }

  public boolean managesMembers() {
    return this == OWNER || this == ADMIN;
  }
}
