package network.aioz.chain.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads a compiled contract from the classpath: {@code contracts/<Name>.abi} (the ABI as JSON) and
 * {@code contracts/<Name>.bin} (the creation bytecode as hex), which the build writes from solc's
 * output. Nothing here is hand-written, so the Java side cannot drift from the Solidity source.
 */
public final class Contracts {

  /** The registry of epoch commitments. */
  public static final String SETTLEMENT_REGISTRY = "SettlementRegistry";

  /** Pays edges against the committed rewards roots. */
  public static final String REWARDS_DISTRIBUTOR = "RewardsDistributor";

  /** Takes tenants' prepayments. */
  public static final String TENANT_DEPOSITS = "TenantDeposits";

  private Contracts() {}

  /** One compiled contract. */
  public record Compiled(String name, String abiJson, String bytecode) {

    /** The creation bytecode with a {@code 0x} prefix, to append constructor arguments to. */
    public String deployData() {
      return "0x" + bytecode;
    }
  }

  /**
   * The ABI and bytecode of {@code name}.
   *
   * @throws IllegalArgumentException when the classpath has no such compiled contract
   */
  public static Compiled load(String name) {
    return new Compiled(name, abi(name), bin(name));
  }

  /** The ABI of {@code name}, as JSON. */
  public static String abi(String name) {
    return read(name + ".abi");
  }

  /** The creation bytecode of {@code name}, as hex without {@code 0x}. */
  public static String bin(String name) {
    String hex = read(name + ".bin").strip();
    if (hex.isEmpty() || !hex.matches("[0-9a-fA-F]+")) {
      throw new IllegalStateException("contracts/" + name + ".bin is not bytecode");
    }
    return hex;
  }

  private static String read(String file) {
    if (!file.matches("[A-Za-z0-9_]+\\.(abi|bin)")) {
      throw new IllegalArgumentException("not a contract file name: " + file);
    }
    String resource = "contracts/" + file;
    ClassLoader loader = Contracts.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            resource + " is not on the classpath: is it a contract of chain-adapter/contracts?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
