package network.aioz.benchmarks.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.aioz.chain.contracts.Deployment;
import network.aioz.chain.contracts.generated.RewardsDistributor;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.infra.Anvil;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A real anvil chain driven by its first development account, which deploys the contracts, commits
 * epochs and pays; every transaction is mined at once and its receipt carries the gas it used.
 */
final class GasChain implements AutoCloseable {

  static final long CHAIN_ID = Anvil.DEFAULT_CHAIN_ID;

  // fixed, so no figure depends on web3j's gas estimation
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private final Anvil anvil;
  private final Web3j web3j;
  private final Credentials deployer;
  private final RawTransactionManager transactions;
  private final PollingTransactionReceiptProcessor receipts;
  private final ContractGasProvider gas;

  private GasChain(Anvil anvil) throws IOException {
    this.anvil = anvil;
    this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    this.deployer = Credentials.create(Anvil.DEV_PRIVATE_KEY);
    // anvil mines on arrival: poll the receipt every 20 ms, not web3j's default 15 s
    this.receipts = new PollingTransactionReceiptProcessor(web3j, 20, 500);
    this.transactions = new RawTransactionManager(web3j, deployer, CHAIN_ID, receipts);
    BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().shiftLeft(1);
    this.gas = new StaticGasProvider(gasPrice, GAS_LIMIT);
  }

  static GasChain start(Path contractsPackage) throws IOException {
    return new GasChain(Anvil.start(contractsPackage, CHAIN_ID));
  }

  String clientVersion() throws IOException {
    return web3j.web3ClientVersion().send().getWeb3ClientVersion();
  }

  /** The hardfork anvil runs, which gas costs depend on. */
  String hardfork() {
    Matcher hardfork =
        Pattern.compile("\"hardFork\"\\s*:\\s*\"([^\"]+)\"")
            .matcher(anvil.rpc("anvil_nodeInfo", "[]"));
    return hardfork.find() ? hardfork.group(1) : "unknown";
  }

  String deployerAddress() {
    return deployer.getAddress();
  }

  /** The three contracts, the deployer being the registry's admin and committer. */
  Deployment.Deployed deploy() {
    return Deployment.deploy(anvil.rpcUrl(), CHAIN_ID, Anvil.DEV_PRIVATE_KEY, deployerAddress());
  }

  SettlementRegistry registry(String address) {
    return SettlementRegistry.load(address, web3j, transactions, gas);
  }

  RewardsDistributor distributor(String address) {
    return RewardsDistributor.load(address, web3j, transactions, gas);
  }

  /** A mined, successful transaction of {@code data} and {@code value} to {@code to}. */
  TransactionReceipt send(String to, String data, BigInteger value) throws IOException {
    return mine(to, data, value, false);
  }

  /** Deploys creation bytecode (hex, no constructor arguments); the contract's address. */
  String deploy(String bytecodeHex) throws IOException {
    return mine("", Numeric.prependHexPrefix(bytecodeHex), BigInteger.ZERO, true)
        .getContractAddress();
  }

  BigInteger balance(String address) throws IOException {
    return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  void setBalance(String address, BigInteger wei) {
    anvil.setBalance(address, wei);
  }

  private TransactionReceipt mine(String to, String data, BigInteger value, boolean create)
      throws IOException {
    EthSendTransaction sent =
        transactions.sendTransaction(gas.getGasPrice(), GAS_LIMIT, to, data, value, create);
    if (sent.hasError()) {
      throw new IllegalStateException("transaction refused: " + sent.getError().getMessage());
    }
    try {
      TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
      if (!receipt.isStatusOK()) {
        throw new IllegalStateException("transaction reverted: " + receipt);
      }
      return receipt;
    } catch (TransactionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
