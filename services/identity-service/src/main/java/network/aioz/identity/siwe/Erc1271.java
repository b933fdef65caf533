package network.aioz.identity.siwe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ERC-1271 signature checks of contract wallets: {@code isValidSignature(bytes32 hash, bytes
 * signature)} by {@code eth_call} over JSON-RPC, valid when it returns the magic value {@code
 * 0x1626ba7e}.
 */
class Erc1271 {

  static final String MAGIC = "1626ba7e";
  private static final Logger log = LoggerFactory.getLogger(Erc1271.class);
  private static final HexFormat HEX = HexFormat.of();

  private final URI rpc;
  private final Duration timeout;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  Erc1271(URI rpc, Duration timeout) {
    this.rpc = rpc;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Whether the contract at {@code address} accepts {@code signature} over {@code hash}. */
  boolean isValidSignature(String address, byte[] hash, byte[] signature) {
    Map<String, Object> call =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            1,
            "method",
            "eth_call",
            "params",
            List.of(Map.of("to", address, "data", "0x" + encodeCall(hash, signature)), "latest"));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(rpc)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(call)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = json.readTree(response.body());
      JsonNode result = body.get("result");
      return response.statusCode() == 200
          && result != null
          && result.isString()
          && returnsMagic(result.asString());
    } catch (IOException | RuntimeException e) {
      log.warn("ERC-1271 check of {} failed: {}", address, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** ABI call data (hex, no 0x) of {@code isValidSignature(bytes32,bytes)}. */
  static String encodeCall(byte[] hash, byte[] signature) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("hash must be 32 bytes");
    }
    StringBuilder data = new StringBuilder(MAGIC);
    data.append(HEX.formatHex(hash));
    data.append(word(64)); // offset of the dynamic bytes argument: after the two head words
    data.append(word(signature.length));
    data.append(HEX.formatHex(signature));
    int padding = (32 - signature.length % 32) % 32;
    data.append("00".repeat(padding));
    return data.toString();
  }

  /** Whether an {@code eth_call} result is the ABI-encoded {@code bytes4} magic value. */
  static boolean returnsMagic(String resultHex) {
    String hex = resultHex.startsWith("0x") ? resultHex.substring(2) : resultHex;
    return hex.length() >= 64
        && hex.substring(0, 8).equalsIgnoreCase(MAGIC)
        && hex.substring(8, 64).chars().allMatch(c -> c == '0');
  }

  private static String word(long value) {
    return "%064x".formatted(value);
  }
}
