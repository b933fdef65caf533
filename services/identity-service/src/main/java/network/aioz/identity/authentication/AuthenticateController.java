package network.aioz.identity.authentication;

import jakarta.servlet.http.HttpServletRequest;
import network.aioz.identity.apikey.ApiKeys;
import network.aioz.identity.session.Sessions;
import network.aioz.identity.support.Authenticated;
import network.aioz.identity.support.InvalidCredentialException;
import network.aioz.identity.support.Scopes;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/authenticate} (scope {@code identity:internal}): who a credential is,
 * for the gateway. Exactly one of {@code apiKey} and {@code bearer} is given.
 */
@RestController
class AuthenticateController {

  private final ApiKeys apiKeys;
  private final Sessions sessions;
  private final CallerIdentity identity;

  AuthenticateController(ApiKeys apiKeys, Sessions sessions, CallerIdentity identity) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
    this.identity = identity;
  }

  record Credential(String apiKey, String bearer) {}

  @PostMapping("/internal/v1/authenticate")
  Authenticated authenticate(
      @RequestBody(required = false) Credential body, HttpServletRequest request) {
    identity.require(request, Scopes.IDENTITY_INTERNAL);
    if (body == null || (body.apiKey() == null) == (body.bearer() == null)) {
      throw ApiProblem.badRequest("give exactly one of apiKey and bearer");
    }
    try {
      return body.apiKey() != null
          ? apiKeys.authenticate(body.apiKey())
          : sessions.authenticate(body.bearer());
    } catch (InvalidCredentialException e) {
      throw new ApiProblem(
          HttpStatus.UNAUTHORIZED, "credential-invalid", "Credential refused", e.getMessage());
    }
  }
}
