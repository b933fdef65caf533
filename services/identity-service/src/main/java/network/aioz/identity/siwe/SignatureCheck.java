package network.aioz.identity.siwe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.shared.edge.PersonalSign;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Sign;

/**
 * Whether a wallet signed a message: EIP-191 {@code personal_sign} recovery for externally owned
 * accounts and, when a JSON-RPC endpoint is configured, ERC-1271 for contract wallets.
 */
@Component
class SignatureCheck {

  private static final int ECDSA_LENGTH = PersonalSign.SIGNATURE_LENGTH;
  private static final int MAX_LENGTH = 4096;

  private final Erc1271 erc1271;

  SignatureCheck(IdentityProperties settings) {
    IdentityProperties.Siwe siwe = settings.siwe();
    this.erc1271 =
        siwe.hasRpc() ? new Erc1271(URI.create(siwe.rpcUrl().strip()), siwe.rpcTimeout()) : null;
  }

  /** Decodes a 0x-prefixed hex signature; a contract wallet's may be longer than 65 bytes. */
  byte[] decode(String signatureHex) {
    if (signatureHex == null || !signatureHex.startsWith("0x")) {
      throw new MalformedSiweException("signature must be 0x-prefixed hex");
    }
    String hex = signatureHex.substring(2);
    if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > MAX_LENGTH * 2) {
      throw new MalformedSiweException("signature has a wrong length");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new MalformedSiweException("signature is not hex");
    }
    if (bytes.length != ECDSA_LENGTH && erc1271 == null) {
      throw new MalformedSiweException("signature must be 65 bytes (r, s, v)");
    }
    return bytes;
  }

  boolean signedBy(String message, byte[] signature, String address) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    if (signature.length == ECDSA_LENGTH && address.equalsIgnoreCase(recover(text, signature))) {
      return true;
    }
    return erc1271 != null
        && erc1271.isValidSignature(address, Sign.getEthereumMessageHash(text), signature);
  }

  /** The address that signed, or null when the signature recovers no key. */
  static String recover(byte[] message, byte[] signature) {
    try {
      return PersonalSign.recoverAddress(message, signature);
    } catch (java.security.SignatureException e) {
      return null;
    }
  }
}
