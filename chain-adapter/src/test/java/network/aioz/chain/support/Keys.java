package network.aioz.chain.support;

import java.security.SecureRandom;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Fresh accounts for tests: a random key and its address. */
public record Keys(String privateKey, String address) {

  public static Keys random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    key[0] = (byte) (key[0] & 0x7f | 0x01);
    String hex = Numeric.toHexStringNoPrefixZeroPadded(new java.math.BigInteger(1, key), 64);
    return new Keys("0x" + hex, Credentials.create(hex).getAddress());
  }
}
