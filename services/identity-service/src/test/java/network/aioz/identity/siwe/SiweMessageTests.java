package network.aioz.identity.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SiweMessageTests {

  private static final String ADDRESS = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";

  private static final String FULL =
      """
      https://app.aioz.test:8443 wants you to sign in with your Ethereum account:
      0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

      I accept the Terms of Service: https://app.aioz.test/tos

      URI: https://app.aioz.test:8443/login
      Version: 1
      Chain ID: 168
      Nonce: 32891756abcdEFGH
      Issued At: 2026-01-02T03:04:05.678Z
      Expiration Time: 2026-01-02T04:04:05Z
      Not Before: 2026-01-02T03:00:00+01:00
      Request ID: req-1_a
      Resources:
      - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
      - https://example.com/my-web2-claim.json""";

  @Test
  void parsesEveryField() {
    SiweMessage m = SiweMessage.parse(FULL);
    assertThat(m.scheme()).isEqualTo("https");
    assertThat(m.domain()).isEqualTo("app.aioz.test:8443");
    assertThat(m.address()).isEqualTo(ADDRESS);
    assertThat(m.statement()).isEqualTo("I accept the Terms of Service: https://app.aioz.test/tos");
    assertThat(m.uri()).isEqualTo(URI.create("https://app.aioz.test:8443/login"));
    assertThat(m.version()).isEqualTo("1");
    assertThat(m.chainId()).isEqualTo(168);
    assertThat(m.nonce()).isEqualTo("32891756abcdEFGH");
    assertThat(m.issuedAt().toString()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(m.expirationTime()).isNotNull();
    assertThat(m.notBefore().getOffset().getTotalSeconds()).isEqualTo(3600);
    assertThat(m.requestId()).isEqualTo("req-1_a");
    assertThat(m.resources()).hasSize(2);
  }

  @Test
  void statementIsOptionalInTheAbnfAndTheLegacyLayout() {
    String abnf =
        "app.aioz.test wants you to sign in with your Ethereum account:\n"
            + ADDRESS
            + "\n\n\nURI: https://app.aioz.test\nVersion: 1\nChain ID: 1\nNonce: abcdefgh\n"
            + "Issued At: 2026-01-02T03:04:05Z";
    assertThat(SiweMessage.parse(abnf).statement()).isNull();
    assertThat(SiweMessage.parse(abnf).scheme()).isNull();
    assertThat(SiweMessage.parse(abnf.replace("\n\n\n", "\n\n")).statement()).isNull();
  }

  @Test
  void refusesWhatTheAbnfDoesNotAllow() {
    assertMalformed(FULL.replace(ADDRESS, ADDRESS.toLowerCase()), "EIP-55");
    assertMalformed(FULL.replace(ADDRESS, "0x1234"), "address");
    assertMalformed(FULL.replace(" wants you", " would like you"), "first line");
    assertMalformed(FULL.replace("Nonce: 32891756abcdEFGH", "Nonce: short"), "Nonce");
    assertMalformed(FULL.replace("Nonce: 32891756abcdEFGH", "Nonce: has-dash-1234"), "Nonce");
    assertMalformed(FULL.replace("Chain ID: 168", "Chain ID: 0x a8"), "Chain ID");
    assertMalformed(
        FULL.replace("Issued At: 2026-01-02T03:04:05.678Z", "Issued At: yesterday"), "Issued At");
    assertMalformed(FULL.replace("Version: 1\n", ""), "Version");
    assertMalformed(FULL.replace("\n", "\r\n"), "LF");
    assertMalformed(FULL + "\ntrailing", "unexpected line");
    assertMalformed(
        FULL.replace("URI: https://app.aioz.test:8443/login", "URI: relative/path"), "URI");
    assertMalformed(
        FULL.replace("Not Before: 2026-01-02T03:00:00+01:00\n", "")
            .replace("Expiration Time", "Not Before")
            .replace("Request ID: req-1_a", "Expiration Time: 2026-01-02T04:04:05Z"),
        "unexpected");
    assertMalformed("", "required");
    assertMalformed(null, "required");
    assertMalformed(FULL.substring(0, 150), "");
  }

  private static void assertMalformed(String text, String detail) {
    assertThatThrownBy(() -> SiweMessage.parse(text))
        .isInstanceOf(MalformedSiweException.class)
        .hasMessageContaining(detail);
  }
}
