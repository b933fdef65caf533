package network.aioz.localstack;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import network.aioz.infra.Anvil;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development tenants {@code dev} and {@code dev2}, set up the way a user would: a wallet signs
 * in through the gateway (EIP-4361), and with the session it creates an API key and an S3 access
 * key pair. The wallet keys and credentials are kept in the data directory and reused while
 * identity-service still accepts them.
 */
final class DevTenants {

  static final List<String> NAMES = List.of("dev", "dev2");
  static final long CHAIN_ID = Anvil.DEFAULT_CHAIN_ID;
  static final List<String> API_KEY_SCOPES =
      List.of(
          "storage:read",
          "storage:write",
          "identity:read",
          "identity:write",
          "webhooks:read",
          "webhooks:write",
          "billing:read",
          "billing:write",
          "ledger:read",
          "proof:read");
  private static final String FILE = "dev-tenants.properties";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DevTenants() {}

  /** A development tenant and its credentials. */
  record Tenant(
      String name,
      String tenantId,
      String walletAddress,
      String walletPrivateKey,
      String apiKey,
      String accessKeyId,
      String secretAccessKey) {}

  static List<Tenant> ensure(Path dir, String gateway) throws IOException {
    Path file = dir.resolve(FILE);
    Properties stored = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        stored.load(in);
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Tenant> tenants = new ArrayList<>();
    for (String name : NAMES) {
      String walletKey = stored.getProperty(name + ".wallet-key");
      ECKeyPair wallet;
      if (walletKey == null) {
        try {
          wallet = Keys.createEcKeyPair();
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException("cannot create a wallet key", e);
        }
        stored.setProperty(name + ".wallet-key", wallet.getPrivateKey().toString(16));
      } else {
        wallet = ECKeyPair.create(new BigInteger(walletKey, 16));
      }
      String apiKey = stored.getProperty(name + ".api-key");
      // a key made before the stack's scopes grew is replaced, so it reaches every service
      String scopes = String.join(" ", API_KEY_SCOPES);
      if (apiKey == null
          || !scopes.equals(stored.getProperty(name + ".scopes"))
          || !stillValid(http, gateway, apiKey)) {
        signUp(http, gateway, wallet, name, stored);
        stored.setProperty(name + ".scopes", scopes);
      }
      tenants.add(
          new Tenant(
              name,
              stored.getProperty(name + ".tenant-id"),
              Keys.toChecksumAddress(org.web3j.crypto.Credentials.create(wallet).getAddress()),
              stored.getProperty(name + ".wallet-key"),
              stored.getProperty(name + ".api-key"),
              stored.getProperty(name + ".access-key-id"),
              stored.getProperty(name + ".secret-key")));
    }
    SecretFiles.write(file, "local-stack development tenants: wallet keys and credentials", stored);
    return tenants;
  }

  private static boolean stillValid(HttpClient http, String gateway, String apiKey) {
    HttpResponse<String> me =
        send(
            http,
            HttpRequest.newBuilder(URI.create(gateway + "/v1/tenants/me"))
                .header("X-API-Key", apiKey)
                .GET());
    return me.statusCode() == 200;
  }

  private static void signUp(
      HttpClient http, String gateway, ECKeyPair wallet, String name, Properties stored) {
    JsonNode nonce =
        call(http, HttpRequest.newBuilder(URI.create(gateway + "/v1/auth/siwe/nonce")), "{}", 201);
    SiweMessage message =
        SiweMessage.forKey(wallet, gateway, CHAIN_ID, nonce.get("nonce").asString());
    String text = message.text();
    JsonNode session =
        call(
            http,
            HttpRequest.newBuilder(URI.create(gateway + "/v1/auth/siwe/verify")),
            JSON.writeValueAsString(
                Map.of("message", text, "signature", SiweMessage.sign(text, wallet))),
            200);
    String bearer = "Bearer " + session.get("accessToken").asString();
    JsonNode apiKey =
        call(
            http,
            HttpRequest.newBuilder(URI.create(gateway + "/v1/api-keys"))
                .header("Authorization", bearer),
            JSON.writeValueAsString(
                Map.of("name", "local-stack " + name, "scopes", API_KEY_SCOPES)),
            201);
    JsonNode s3Key =
        call(
            http,
            HttpRequest.newBuilder(URI.create(gateway + "/v1/s3-keys"))
                .header("Authorization", bearer),
            JSON.writeValueAsString(Map.of("name", "local-stack " + name)),
            201);
    stored.setProperty(name + ".tenant-id", session.get("tenantId").asString());
    stored.setProperty(name + ".api-key", apiKey.get("key").asString());
    stored.setProperty(name + ".access-key-id", s3Key.get("accessKeyId").asString());
    stored.setProperty(name + ".secret-key", s3Key.get("secretAccessKey").asString());
  }

  private static JsonNode call(
      HttpClient http, HttpRequest.Builder request, String body, int expected) {
    HttpResponse<String> response =
        send(
            http,
            request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "setting up a development tenant: "
              + response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** One call to the gateway with a 30 s timeout; an unreachable gateway is a clear error. */
  static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the gateway: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
