package network.aioz.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import network.aioz.shared.edge.PersonalSign;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** A test wallet: a fresh secp256k1 key that writes and signs EIP-4361 messages. */
final class Wallet {

  final ECKeyPair key;
  final String address;

  Wallet() {
    try {
      this.key = Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.address = Keys.toChecksumAddress(Keys.getAddress(key));
  }

  Message message(String nonce) {
    return new Message(this, nonce);
  }

  String sign(String text) {
    return PersonalSign.sign(text.getBytes(StandardCharsets.UTF_8), key);
  }

  /** Builder of one sign-in message with valid defaults. */
  static final class Message {
    final Wallet wallet;
    String domain = "app.aioz.test";
    String address;
    String statement = "Sign in to AIOZ.";
    String uri = "https://app.aioz.test/login";
    String version = "1";
    long chainId = 168;
    String nonce;
    Instant issuedAt = Instant.now();
    Instant expirationTime = Instant.now().plusSeconds(300);
    Instant notBefore;

    Message(Wallet wallet, String nonce) {
      this.wallet = wallet;
      this.address = wallet.address;
      this.nonce = nonce;
    }

    Message domain(String value) {
      domain = value;
      return this;
    }

    Message address(String value) {
      address = value;
      return this;
    }

    Message statement(String value) {
      statement = value;
      return this;
    }

    Message uri(String value) {
      uri = value;
      return this;
    }

    Message version(String value) {
      version = value;
      return this;
    }

    Message chainId(long value) {
      chainId = value;
      return this;
    }

    Message issuedAt(Instant value) {
      issuedAt = value;
      return this;
    }

    Message expirationTime(Instant value) {
      expirationTime = value;
      return this;
    }

    Message notBefore(Instant value) {
      notBefore = value;
      return this;
    }

    String text() {
      StringBuilder m = new StringBuilder();
      m.append(domain).append(" wants you to sign in with your Ethereum account:\n");
      m.append(address).append("\n\n");
      if (statement != null) {
        m.append(statement).append("\n");
      }
      m.append("\n");
      m.append("URI: ").append(uri).append("\n");
      m.append("Version: ").append(version).append("\n");
      m.append("Chain ID: ").append(chainId).append("\n");
      m.append("Nonce: ").append(nonce).append("\n");
      m.append("Issued At: ").append(issuedAt);
      if (expirationTime != null) {
        m.append("\nExpiration Time: ").append(expirationTime);
      }
      if (notBefore != null) {
        m.append("\nNot Before: ").append(notBefore);
      }
      return m.toString();
    }

    /** The message and its signature by the wallet. */
    Signed signed() {
      String text = text();
      return new Signed(text, wallet.sign(text));
    }
  }

  record Signed(String message, String signature) {}
}
