package network.aioz.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import network.aioz.shared.edge.PersonalSign;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * An EIP-4361 (Sign-In with Ethereum) message as a wallet shows it, and its EIP-191 signature: how
 * the local stack signs its development tenants in, and how tests sign in like a wallet would.
 */
public record SiweMessage(
    String domain, String address, String uri, long chainId, String nonce, Instant issuedAt) {

  public static final String STATEMENT = "Sign in to the AIOZ platform.";

  /** A message for {@code key}'s address, issued now, for the gateway at {@code origin}. */
  public static SiweMessage forKey(ECKeyPair key, String origin, long chainId, String nonce) {
    String domain = origin.replaceFirst("^https?://", "");
    return new SiweMessage(
        domain,
        Keys.toChecksumAddress(Credentials.create(key).getAddress()),
        origin,
        chainId,
        nonce,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The text per the EIP-4361 ABNF. */
  public String text() {
    return domain
        + " wants you to sign in with your Ethereum account:\n"
        + address
        + "\n\n"
        + STATEMENT
        + "\n\nURI: "
        + uri
        + "\nVersion: 1\nChain ID: "
        + chainId
        + "\nNonce: "
        + nonce
        + "\nIssued At: "
        + issuedAt;
  }

  /** The EIP-191 personal_sign signature of {@code text}: 0x‖r‖s‖v. */
  public static String sign(String text, ECKeyPair key) {
    return PersonalSign.sign(text.getBytes(StandardCharsets.UTF_8), key);
  }
}
