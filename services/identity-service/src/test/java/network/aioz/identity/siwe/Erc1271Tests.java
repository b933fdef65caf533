package network.aioz.identity.siwe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Erc1271Tests {

  @Test
  void encodesTheCallByTheAbi() {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) 0xab);
    byte[] signature = new byte[65];
    Arrays.fill(signature, (byte) 0x11);

    String data = Erc1271.encodeCall(hash, signature);

    assertThat(data).startsWith("1626ba7e");
    assertThat(data.substring(8, 72)).isEqualTo("ab".repeat(32));
    assertThat(data.substring(72, 136)).isEqualTo("0".repeat(62) + "40");
    assertThat(data.substring(136, 200)).isEqualTo("0".repeat(62) + "41");
    assertThat(data.substring(200, 330)).isEqualTo("11".repeat(65));
    assertThat(data.substring(330)).isEqualTo("00".repeat(31));
    assertThat((data.length() - 8) % 64).isZero();
  }

  @Test
  void onlyTheAbiEncodedMagicValueIsValid() {
    assertThat(Erc1271.returnsMagic("0x1626ba7e" + "0".repeat(56))).isTrue();
    assertThat(Erc1271.returnsMagic("0x1626BA7E" + "0".repeat(56))).isTrue();
    assertThat(Erc1271.returnsMagic("0xffffffff" + "0".repeat(56))).isFalse();
    assertThat(Erc1271.returnsMagic("0x1626ba7e" + "0".repeat(55) + "1")).isFalse();
    assertThat(Erc1271.returnsMagic("0x")).isFalse();
    assertThat(Erc1271.returnsMagic("0x1626ba7e")).isFalse();
  }

  @Test
  void asksTheContractByEthCall() throws Exception {
    AtomicReference<String> request = new AtomicReference<>();
    AtomicReference<String> answer = new AtomicReference<>("0x1626ba7e" + "0".repeat(56));
    HttpServer rpc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rpc.createContext(
        "/",
        exchange -> {
          request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + answer.get() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    rpc.start();
    try {
      Erc1271 erc1271 =
          new Erc1271(
              URI.create("http://127.0.0.1:" + rpc.getAddress().getPort()), Duration.ofSeconds(2));
      String wallet = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
      assertThat(erc1271.isValidSignature(wallet, new byte[32], new byte[70])).isTrue();
      assertThat(request.get())
          .contains("\"eth_call\"", "\"to\":\"" + wallet + "\"", "\"data\":\"0x1626ba7e");

      answer.set("0x");
      assertThat(erc1271.isValidSignature(wallet, new byte[32], new byte[70])).isFalse();
    } finally {
      rpc.stop(0);
    }
    Erc1271 unreachable = new Erc1271(URI.create("http://127.0.0.1:1"), Duration.ofMillis(500));
    assertThat(unreachable.isValidSignature("0x00", new byte[32], new byte[65])).isFalse();
  }
}
