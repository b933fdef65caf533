package network.aioz.billing.funding;

import jakarta.servlet.http.HttpServletRequest;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.stereotype.Component;

/** Who a funding request acts for, from the gateway's internal identity token. */
@Component
class Callers {

  static final String READ = "billing:read";
  static final String WRITE = "billing:write";

  /** Platform operations; tenant credentials never hold it. */
  static final String ADMIN = "billing:admin";

  private final CallerIdentity identities;

  Callers(CallerIdentity identities) {
    this.identities = identities;
  }

  /** The caller's tenant; 401 without a valid token, 403 without the scope or a tenant. */
  String tenant(HttpServletRequest request, String scope) {
    InternalIdentity identity = identities.require(request, scope);
    if (identity.tenantId() == null || identity.tenantId().isBlank()) {
      throw ApiProblem.forbidden("this credential does not act for a tenant");
    }
    return identity.tenantId();
  }

  /** A platform operator; 401 without a valid token, 403 without {@link #ADMIN}. */
  void admin(HttpServletRequest request) {
    identities.require(request, ADMIN);
  }
}
