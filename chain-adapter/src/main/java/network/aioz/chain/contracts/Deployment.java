package network.aioz.chain.contracts;

import java.math.BigInteger;
import network.aioz.chain.contracts.generated.RewardsDistributor;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.contracts.generated.TenantDeposits;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Deploys the three contracts with the generated wrappers: the registry (the deployer is its admin,
 * {@code committer} its first committer), the deposits contract (owned by the deployer; native
 * token) and the distributor reading the registry's rewards roots (native token). Used by the local
 * stack and the tests; {@link #main} deploys to any chain from the environment.
 */
public final class Deployment {

  /** The deployed addresses and the block of the first deployment (where log reading starts). */
  public record Deployed(
      long chainId, String registry, String deposits, String rewards, long startBlock) {}

  private Deployment() {}

  public static Deployed deploy(String rpcUrl, long chainId, String deployerKey, String committer) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      Credentials deployer = Credentials.create(deployerKey);
      TransactionManager manager = new RawTransactionManager(web3j, deployer, chainId);
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().shiftLeft(1);
      ContractGasProvider gas = new StaticGasProvider(gasPrice, BigInteger.valueOf(6_000_000));
      SettlementRegistry registry =
          SettlementRegistry.deploy(web3j, manager, gas, deployer.getAddress(), committer).send();
      TenantDeposits deposits =
          TenantDeposits.deploy(web3j, manager, gas, deployer.getAddress(), ZERO_ADDRESS).send();
      RewardsDistributor rewards =
          RewardsDistributor.deploy(
                  web3j, manager, gas, registry.getContractAddress(), ZERO_ADDRESS)
              .send();
      long startBlock =
          registry.getTransactionReceipt().orElseThrow().getBlockNumber().longValueExact();
      return new Deployed(
          chainId,
          registry.getContractAddress(),
          deposits.getContractAddress(),
          rewards.getContractAddress(),
          startBlock);
    } catch (Exception e) {
      throw new IllegalStateException(
          "deploying the contracts at " + rpcUrl + " failed: " + e.getMessage(), e);
    } finally {
      web3j.shutdown();
    }
  }

  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  /**
   * Deploys from the environment: {@code CHAIN_RPC_URL}, {@code CHAIN_ID}, {@code
   * CHAIN_DEPLOYER_KEY} (never printed) and {@code CHAIN_COMMITTER_ADDRESS}; prints the addresses
   * as the adapter's environment variables.
   */
  public static void main(String[] args) {
    Deployed deployed;
    try {
      deployed =
          deploy(
              require("CHAIN_RPC_URL"),
              Long.parseLong(require("CHAIN_ID")),
              require("CHAIN_DEPLOYER_KEY"),
              require("CHAIN_COMMITTER_ADDRESS"));
    } catch (IllegalStateException | NumberFormatException e) {
      System.err.println("deployment failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("CHAIN_ID=" + deployed.chainId());
    System.out.println("CHAIN_REGISTRY_ADDRESS=" + deployed.registry());
    System.out.println("CHAIN_DEPOSITS_ADDRESS=" + deployed.deposits());
    System.out.println("CHAIN_REWARDS_ADDRESS=" + deployed.rewards());
    System.out.println("CHAIN_START_BLOCK=" + deployed.startBlock());
  }

  private static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " must be set");
    }
    return value;
  }
}
