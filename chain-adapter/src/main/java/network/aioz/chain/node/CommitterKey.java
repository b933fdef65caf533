package network.aioz.chain.node;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The account that signs the adapter's transactions. Its private key is never printed: {@code
 * toString} and every error name only the address.
 */
public final class CommitterKey {

  private final Credentials credentials;

  private CommitterKey(Credentials credentials) {
    this.credentials = credentials;
  }

  /**
   * @throws IllegalStateException when the setting is missing or not a 32-byte hex key (the message
   *     names the setting, never its value)
   */
  public static CommitterKey of(String hexKey) {
    if (hexKey == null || hexKey.isBlank()) {
      throw new IllegalStateException(
          "chain.committer-key (env CHAIN_COMMITTER_KEY) must hold the committing account's private key");
    }
    String digits = Numeric.cleanHexPrefix(hexKey.trim());
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalStateException(
          "chain.committer-key is not a 32-byte hex private key (its value is not shown)");
    }
    BigInteger key = new BigInteger(digits, 16);
    if (key.signum() == 0) {
      throw new IllegalStateException("chain.committer-key is zero");
    }
    return new CommitterKey(Credentials.create(digits));
  }

  /** The account's address, lower-case 0x hex. */
  public String address() {
    return credentials.getAddress();
  }

  /** The signed transaction's bytes (EIP-1559 when the transaction is one). */
  public byte[] sign(RawTransaction transaction, long chainId) {
    return TransactionEncoder.signMessage(transaction, chainId, credentials);
  }

  @Override
  public String toString() {
    return "CommitterKey[" + address() + "]";
  }
}
