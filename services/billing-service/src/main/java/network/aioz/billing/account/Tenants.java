package network.aioz.billing.account;

import jakarta.servlet.http.HttpServletRequest;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.stereotype.Component;

/** The tenant a request acts for, from the gateway's internal identity token. */
@Component
class Tenants {

  static final String READ = "billing:read";
  static final String WRITE = "billing:write";

  private final CallerIdentity callers;

  Tenants(CallerIdentity callers) {
    this.callers = callers;
  }

  /** The caller's tenant; 401 without a valid token, 403 without the scope or a tenant. */
  String require(HttpServletRequest request, String scope) {
    InternalIdentity identity = callers.require(request, scope);
    if (identity.tenantId() == null || identity.tenantId().isBlank()) {
      throw ApiProblem.forbidden("this credential does not act for a tenant");
    }
    return identity.tenantId();
  }
}
