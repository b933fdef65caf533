package network.aioz.identity.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.infra.Anvil;
import network.aioz.infra.NodeScripts;
import network.aioz.shared.edge.PersonalSign;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract-wallet sign-in against a real EVM: anvil runs, solc compiles {@code OwnedWallet} (a
 * wallet whose owner's EIP-191 signatures are its own), the wallet is deployed, and SIWE messages
 * naming the wallet's address are checked by {@code eth_call} of its ERC-1271 {@code
 * isValidSignature}.
 */
class Erc1271ChainIntegrationTests {

  private static final Path PACKAGE = Path.of("src/test/erc1271-chain");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Anvil anvil;
  private static ECKeyPair owner;
  private static String wallet;

  @BeforeAll
  static void deployWallet() throws Exception {
    anvil = Anvil.start(PACKAGE, 31337);
    NodeScripts.Result compiled =
        NodeScripts.run(PACKAGE, "compile.js", List.of("OwnedWallet"), Duration.ofMinutes(2));
    assertThat(compiled.exitCode()).as(compiled.output()).isZero();
    String bytecode = JSON.readTree(compiled.output()).get("bytecode").asString();

    owner = Keys.createEcKeyPair();
    String ownerWord = "%64s".formatted(Keys.getAddress(owner)).replace(' ', '0');
    String deployer = Credentials.create(Anvil.DEV_PRIVATE_KEY).getAddress();
    String tx =
        rpc(
                "eth_sendTransaction",
                List.of(Map.of("from", deployer, "data", bytecode + ownerWord, "gas", "0x100000")))
            .asString();
    // anvil mines at once, but may answer the hash before the receipt is readable
    JsonNode receipt =
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> rpc("eth_getTransactionReceipt", List.of(tx)), r -> !r.isNull());
    assertThat(receipt.get("status").asString()).isEqualTo("0x1");
    wallet = Keys.toChecksumAddress(receipt.get("contractAddress").asString());
  }

  @AfterAll
  static void stopChain() {
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void theWalletsOwnerSignsInAsTheWallet() {
    SignatureCheck check = new SignatureCheck(settings(anvil.rpcUrl()));
    String message = siwe(wallet);
    byte[] signature = check.decode(PersonalSign.sign(bytes(message), owner));

    assertThat(SignatureCheck.recover(bytes(message), signature))
        .as("the signature recovers the owner, not the wallet")
        .isNotEqualToIgnoringCase(wallet);
    assertThat(check.signedBy(message, signature, wallet)).isTrue();
  }

  @Test
  void strangersForgeriesAndAddressesWithoutAWalletAreRefused() throws Exception {
    SignatureCheck check = new SignatureCheck(settings(anvil.rpcUrl()));
    String message = siwe(wallet);
    byte[] stranger = check.decode(PersonalSign.sign(bytes(message), Keys.createEcKeyPair()));
    byte[] ownersOtherMessage = check.decode(PersonalSign.sign(bytes(siwe("0x0")), owner));
    byte[] longer = check.decode("0x" + HexFormat.of().formatHex(new byte[97]));
    String noContract = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));

    assertThat(check.signedBy(message, stranger, wallet)).isFalse();
    assertThat(check.signedBy(message, ownersOtherMessage, wallet)).isFalse();
    assertThat(check.signedBy(message, longer, wallet)).isFalse();
    assertThat(
            check.signedBy(
                siwe(noContract),
                check.decode(PersonalSign.sign(bytes(siwe(noContract)), owner)),
                noContract))
        .as("an address with no code answers no magic value")
        .isFalse();
    SignatureCheck withoutChain = new SignatureCheck(settings(null));
    assertThat(withoutChain.signedBy(message, check.decode(sign(message)), wallet))
        .as("without an RPC endpoint only EOAs sign in")
        .isFalse();
  }

  private static String sign(String message) {
    return PersonalSign.sign(bytes(message), owner);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String siwe(String address) {
    return """
        console.aioz.local wants you to sign in with your Ethereum account:
        %s

        Sign in to the AIOZ DePIN console.

        URI: https://console.aioz.local
        Version: 1
        Chain ID: 31337
        Nonce: 32891756ab
        Issued At: 2026-11-22T10:00:00Z"""
        .formatted(address);
  }

  /** Settings whose SIWE checks use {@code rpcUrl} (none when null) for contract wallets. */
  static IdentityProperties settings(String rpcUrl) {
    return new IdentityProperties(
        new IdentityProperties.Jwt("pem", Duration.ofMinutes(1), "i", "a"),
        new IdentityProperties.Refresh(Duration.ofDays(1)),
        new IdentityProperties.Siwe(
            Duration.ofMinutes(5),
            List.of("console.aioz.local"),
            List.of(),
            Set.of(31337L),
            Duration.ofSeconds(30),
            rpcUrl,
            Duration.ofSeconds(5)),
        new IdentityProperties.S3(Base64.getEncoder().encodeToString(new byte[32])),
        null);
  }

  private static JsonNode rpc(String method, List<Object> params) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(anvil.rpcUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.has("error")).as(response.body()).isFalse();
    return answer.get("result");
  }
}
