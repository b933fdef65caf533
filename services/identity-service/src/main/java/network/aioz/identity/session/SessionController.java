package network.aioz.identity.session;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import network.aioz.identity.support.Callers;
import network.aioz.identity.support.Scopes;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/auth/refresh} (no auth: the refresh token is the credential), {@code POST
 * /v1/auth/sign-out} (a wallet session through the gateway) and {@code GET /.well-known/jwks.json}.
 */
@RestController
class SessionController {

  private final Sessions sessions;
  private final UserTokens tokens;
  private final CallerIdentity identity;

  SessionController(Sessions sessions, UserTokens tokens, CallerIdentity identity) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.identity = identity;
  }

  record RefreshRequest(String refreshToken) {}

  @PostMapping("/v1/auth/refresh")
  Sessions.Grant refresh(@RequestBody(required = false) RefreshRequest body) {
    return sessions.refresh(body == null ? null : body.refreshToken());
  }

  /**
   * Ends the caller's session: the one of the forwarded {@code Authorization: Bearer} user token,
   * else the one of a {@code refreshToken} in the body, else every session of the wallet in the
   * tenant.
   */
  @PostMapping("/v1/auth/sign-out")
  ResponseEntity<Void> signOut(
      @RequestBody(required = false) RefreshRequest body, HttpServletRequest request) {
    InternalIdentity caller = identity.require(request, Scopes.IDENTITY_READ);
    if (!Callers.isSession(caller)) {
      throw ApiProblem.forbidden("only a wallet session can sign out");
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String bearer =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).strip()
            : null;
    sessions.signOut(
        Callers.tenant(caller),
        caller.subject(),
        bearer,
        body == null || body.refreshToken() == null || body.refreshToken().isBlank()
            ? null
            : body.refreshToken());
    return ResponseEntity.noContent().build();
  }

  @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
        .body(tokens.jwks());
  }
}
