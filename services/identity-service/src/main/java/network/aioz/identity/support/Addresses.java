package network.aioz.identity.support;

import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** Ethereum addresses as the service stores them: EIP-55 checksummed. */
public final class Addresses {

  private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private Addresses() {}

  /** Whether {@code address} is a 0x-address in its exact EIP-55 form. */
  public static boolean isChecksummed(String address) {
    return address != null
        && HEX_ADDRESS.matcher(address).matches()
        && Keys.toChecksumAddress(address).equals(address);
  }

  /**
   * The EIP-55 form of an address given in one case or already checksummed.
   *
   * @throws IllegalArgumentException when it is no address or mixed case with a wrong checksum
   */
  public static String normalize(String address) {
    if (address == null || !HEX_ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("'" + address + "' is not a 0x-prefixed 20-byte address");
    }
    String hex = address.substring(2);
    boolean oneCase = hex.equals(hex.toLowerCase()) || hex.equals(hex.toUpperCase());
    String checksummed = Keys.toChecksumAddress(address.toLowerCase());
    if (!oneCase && !checksummed.equals(address)) {
      throw new IllegalArgumentException("'" + address + "' has a wrong EIP-55 checksum");
    }
    return checksummed;
  }
}
