package network.aioz.identity.siwe;

import java.time.Instant;
import network.aioz.identity.session.Sessions;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/auth/siwe/nonce} and {@code /verify}: the two unauthenticated sign-in steps. */
@RestController
@RequestMapping("/v1/auth/siwe")
class SiweController {

  private final Nonces nonces;
  private final SiweSignIn signIn;

  SiweController(Nonces nonces, SiweSignIn signIn) {
    this.nonces = nonces;
    this.signIn = signIn;
  }

  record NonceView(String nonce, Instant expiresAt) {}

  record VerifyRequest(String message, String signature, String tenantId) {}

  @PostMapping("/nonce")
  @ResponseStatus(HttpStatus.CREATED)
  NonceView nonce() {
    Nonces.Issued issued = nonces.issue();
    return new NonceView(issued.nonce(), issued.expiresAt());
  }

  @PostMapping("/verify")
  Sessions.Grant verify(@RequestBody(required = false) VerifyRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest("a body {message, signature, tenantId?} is required");
    }
    return signIn.signIn(body.message(), body.signature(), body.tenantId());
  }
}
