package network.aioz.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import network.aioz.shared.identity.InternalTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as the gateway calls it, with the sign-in steps as helpers. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;

  Api(int port) {
    this.port = port;
  }

  /** An answer: status, content type and body. */
  record Reply(int status, String contentType, String text) {
    JsonNode json() {
      return JSON.readTree(text);
    }

    String str(String field) {
      JsonNode node = json().get(field);
      return node == null || node.isNull() ? null : node.asString();
    }

    boolean isProblem() {
      return contentType != null && contentType.startsWith("application/problem+json");
    }
  }

  Reply send(String method, String path, Object body, String identityToken) {
    return send(method, path, body, identityToken, Map.of());
  }

  Reply send(
      String method, String path, Object body, String identityToken, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (identityToken != null) {
      request.header(InternalTokens.HEADER, identityToken);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String nonce() {
    Reply reply = send("POST", "/v1/auth/siwe/nonce", null, null);
    if (reply.status() != 201) {
      throw new IllegalStateException("nonce: " + reply);
    }
    return reply.str("nonce");
  }

  Reply verify(Wallet.Signed signed, String tenantId) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("message", signed.message());
    body.put("signature", signed.signature());
    if (tenantId != null) {
      body.put("tenantId", tenantId);
    }
    return send("POST", "/v1/auth/siwe/verify", body, null);
  }

  /** Signs the wallet in with a fresh nonce; fails the test unless it works. */
  Reply signIn(Wallet wallet) {
    Reply reply = verify(wallet.message(nonce()).signed(), null);
    if (reply.status() != 200) {
      throw new AssertionError("sign-in failed: " + reply);
    }
    return reply;
  }

  Reply authenticate(String field, String credential) {
    return send(
        "POST",
        "/internal/v1/authenticate",
        Map.of(field, credential),
        IdentityTestInfra.serviceToken("identity:internal"));
  }

  /**
   * The internal token the gateway forwards for a credential, built from what authenticate answered
   * for it.
   */
  static String gatewayToken(Reply authenticated) {
    JsonNode a = authenticated.json();
    Set<String> scopes = new LinkedHashSet<>();
    a.get("scopes").forEach(s -> scopes.add(s.asString()));
    return IdentityTestInfra.token(
        a.get("subject").asString(),
        a.get("tenantId").asString(),
        a.get("authMethod").asString(),
        scopes);
  }

  /** Signs in and answers the gateway token of the session. */
  String sessionToken(Wallet wallet) {
    Reply grant = signIn(wallet);
    return gatewayToken(authenticate("bearer", grant.str("accessToken")));
  }
}
