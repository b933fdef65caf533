package network.aioz.shared.edge;

import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * EIP-191 {@code personal_sign} with any Ethereum key — an edge's requests, a wallet's sign-in
 * message: the 65-byte signature r ‖ s ‖ v (v = 27 or 28; 0 or 1 accepted on recovery), as wallets
 * and ethers produce and verify it.
 */
public final class PersonalSign {

  public static final int SIGNATURE_LENGTH = 65;

  private PersonalSign() {}

  /** The signature of {@code message} as 0x-prefixed lower-case hex. */
  public static String sign(byte[] message, ECKeyPair key) {
    Sign.SignatureData signature = Sign.signPrefixedMessage(message, key);
    byte[] packed = new byte[SIGNATURE_LENGTH];
    System.arraycopy(signature.getR(), 0, packed, 0, 32);
    System.arraycopy(signature.getS(), 0, packed, 32, 32);
    packed[64] = signature.getV()[0];
    return "0x" + HexFormat.of().formatHex(packed);
  }

  /**
   * The checksummed address whose key signed {@code message}.
   *
   * @throws SignatureException when the signature is not 65 bytes, has a bad recovery id or
   *     recovers no key
   */
  public static String recoverAddress(byte[] message, byte[] signature) throws SignatureException {
    if (signature.length != SIGNATURE_LENGTH) {
      throw new SignatureException("signature must be 65 bytes");
    }
    byte v = signature[64];
    if (v == 0 || v == 1) {
      v += 27;
    }
    if (v != 27 && v != 28) {
      throw new SignatureException("signature recovery id must be 27 or 28");
    }
    Sign.SignatureData data =
        new Sign.SignatureData(
            v, Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
    try {
      return EdgeKeys.address(Sign.signedPrefixedMessageToKey(message, data));
    } catch (RuntimeException e) {
      throw new SignatureException("signature does not recover a public key", e);
    }
  }
}
