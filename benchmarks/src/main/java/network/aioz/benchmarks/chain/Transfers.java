package network.aioz.benchmarks.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The baseline: paying each item with its own transaction. Measures a native transfer and an ERC-20
 * {@code transfer} (OpenZeppelin's ERC20, as chain-adapter's {@code TestToken}) on the chain.
 */
final class Transfers {

  private static final String TOKEN = "TestToken";

  /**
   * ERC-20 transfer gas.
   *
   * @param newHolder to an address that held none of the token (a fresh balance slot)
   * @param existingHolder to an address that holds some already
   */
  record Erc20Gas(long newHolder, long existingHolder) {}

  private Transfers() {}

  /** Gas of sending 1 wei from the deployer to a fresh address. */
  static long nativeTransfer(GasChain chain, SplittableRandom random) throws IOException {
    String to = SyntheticEpoch.address(random);
    TransactionReceipt receipt = chain.send(to, "", BigInteger.ONE);
    if (!chain.balance(to).equals(BigInteger.ONE)) {
      throw new IllegalStateException("the native transfer did not arrive");
    }
    return receipt.getGasUsed().longValueExact();
  }

  /**
   * ERC-20 transfer gas, or empty (with the reason printed) when the test token's bytecode is
   * neither in chain-adapter's build output nor compilable here.
   */
  static Optional<Erc20Gas> erc20Transfer(
      GasChain chain, Path repoRoot, Path contractsPackage, SplittableRandom random)
      throws IOException, InterruptedException {
    Optional<String> bytecode = testTokenBytecode(repoRoot, contractsPackage);
    if (bytecode.isEmpty()) {
      return Optional.empty();
    }
    String token = chain.deploy(bytecode.get());
    String me = chain.deployerAddress();
    chain.send(
        token,
        encode("mint", new Address(me), new Uint256(BigInteger.TEN.pow(27))),
        BigInteger.ZERO);
    String holder = SyntheticEpoch.address(random);
    String transfer = encode("transfer", new Address(holder), new Uint256(BigInteger.ONE));
    TransactionReceipt first = chain.send(token, transfer, BigInteger.ZERO);
    TransactionReceipt second = chain.send(token, transfer, BigInteger.ZERO);
    if (first.getLogs().size() != 1 || second.getLogs().size() != 1) {
      throw new IllegalStateException("an ERC-20 transfer emitted no Transfer event");
    }
    return Optional.of(
        new Erc20Gas(first.getGasUsed().longValueExact(), second.getGasUsed().longValueExact()));
  }

  private static String encode(String name, org.web3j.abi.datatypes.Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }

  /**
   * The token chain-adapter's build compiled for its tests, else compiled now with the same compile
   * script (solcjs from the contracts package).
   */
  private static Optional<String> testTokenBytecode(Path repoRoot, Path contractsPackage)
      throws IOException, InterruptedException {
    Path built =
        repoRoot.resolve(
            "chain-adapter/target/generated-test-resources/contracts/" + TOKEN + ".bin");
    if (Files.isRegularFile(built)) {
      System.out.println("  ERC-20: " + TOKEN + " from " + repoRoot.relativize(built));
      return Optional.of(Files.readString(built).strip());
    }
    Path out = Files.createTempDirectory("test-token-");
    Process solc =
        new ProcessBuilder("node", "compile.js", out.toString(), "test")
            .directory(contractsPackage.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(solc.getInputStream().readAllBytes());
    if (!solc.waitFor(120, TimeUnit.SECONDS)
        || solc.exitValue() != 0
        || !Files.isRegularFile(out.resolve(TOKEN + ".bin"))) {
      System.out.println("  ERC-20: not measured, " + TOKEN + " could not be compiled: " + output);
      return Optional.empty();
    }
    System.out.println("  ERC-20: " + TOKEN + " compiled now: " + output.strip());
    return Optional.of(Files.readString(out.resolve(TOKEN + ".bin")).strip());
  }
}
