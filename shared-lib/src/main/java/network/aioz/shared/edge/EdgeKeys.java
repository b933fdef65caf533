package network.aioz.shared.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** Creates, stores and loads an edge node's secp256k1 key; its Ethereum address is the node id. */
public final class EdgeKeys {

  private EdgeKeys() {}

  public static ECKeyPair generate() {
    try {
      return Keys.createEcKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no secure random source for key generation", e);
    }
  }

  public static ECKeyPair fromPrivateKeyHex(String hex) {
    return ECKeyPair.create(Numeric.toBigInt(hex.strip()));
  }

  /** The EIP-55 checksummed address of the key. */
  public static String address(ECKeyPair key) {
    return Keys.toChecksumAddress(Keys.getAddress(key));
  }

  /**
   * The EIP-55 form of an address given in any case, so every side compares node ids exactly.
   *
   * @throws IllegalArgumentException when it is not {@code 0x} and 40 hex digits
   */
  public static String checksum(String address) {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("'" + address + "' is not an Ethereum address");
    }
    return Keys.toChecksumAddress(address);
  }

  /** The EIP-55 checksummed address of a public key. */
  public static String address(BigInteger publicKey) {
    return Keys.toChecksumAddress(Keys.getAddress(publicKey));
  }

  /**
   * Loads the key stored at {@code file}, or creates one there (readable by the owner only) when
   * the file does not exist yet, so an operator keeps the same identity across restarts.
   */
  public static ECKeyPair loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return fromPrivateKeyHex(Files.readString(file, StandardCharsets.US_ASCII));
      }
      ECKeyPair key = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(
          tmp,
          Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64),
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load or create the node key at " + file, e);
    }
  }
}
