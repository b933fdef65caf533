package network.aioz.shared.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SignatureException;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.ECKeyPair;

/**
 * The signed-request scheme of every edge-to-platform call.
 *
 * <p>The edge signs, with EIP-191 {@code personal_sign}, the UTF-8 text
 *
 * <pre>
 * AIOZ-EDGE-REQUEST-V1
 * {METHOD}
 * {path and query, as sent}
 * {unix timestamp in seconds}
 * {lower-case hex SHA-256 of the body bytes (of the empty string when there is no body)}
 * </pre>
 *
 * and sends the address, timestamp and 65-byte signature (r || s || v, hex) in the headers below.
 * The platform recovers the address from the signature and accepts the request only when it equals
 * the claimed address and the timestamp is within its skew window. Because the body hash is signed,
 * nothing in the request can be changed in transit; replays inside the window are harmless where
 * the operation is idempotent and refused by sequence numbers where it is not (heartbeats).
 */
public final class EdgeRequestSigning {

  public static final String ADDRESS_HEADER = "X-Edge-Address";
  public static final String TIMESTAMP_HEADER = "X-Edge-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Edge-Signature";
  static final String SCHEME = "AIOZ-EDGE-REQUEST-V1";

  private EdgeRequestSigning() {}

  /** The three header values of a signed request. */
  public record SignedHeaders(String address, long timestamp, String signature) {}

  public static String canonicalMessage(
      String method, String pathAndQuery, long timestampSeconds, byte[] body) {
    return SCHEME
        + '\n'
        + method.toUpperCase(Locale.ROOT)
        + '\n'
        + pathAndQuery
        + '\n'
        + timestampSeconds
        + '\n'
        + sha256Hex(body == null ? new byte[0] : body);
  }

  public static SignedHeaders sign(
      ECKeyPair key, String method, String pathAndQuery, long timestampSeconds, byte[] body) {
    byte[] message =
        canonicalMessage(method, pathAndQuery, timestampSeconds, body)
            .getBytes(StandardCharsets.UTF_8);
    return new SignedHeaders(
        EdgeKeys.address(key), timestampSeconds, PersonalSign.sign(message, key));
  }

  /**
   * Recovers the checksummed address that signed the request.
   *
   * @throws SignatureException when the signature is malformed or recovers no key
   */
  public static String recoverAddress(
      String method, String pathAndQuery, long timestampSeconds, byte[] body, String signatureHex)
      throws SignatureException {
    byte[] message =
        canonicalMessage(method, pathAndQuery, timestampSeconds, body)
            .getBytes(StandardCharsets.UTF_8);
    return PersonalSign.recoverAddress(message, decodeSignature(signatureHex));
  }

  private static byte[] decodeSignature(String signatureHex) throws SignatureException {
    if (signatureHex == null) {
      throw new SignatureException("signature is missing");
    }
    String hex = signatureHex.startsWith("0x") ? signatureHex.substring(2) : signatureHex;
    if (hex.length() != 130) {
      throw new SignatureException("signature must be 65 bytes of hex");
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new SignatureException("signature is not hex", e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
