package network.aioz.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import network.aioz.infra.Anvil;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A real anvil chain for the contract tests, with signed legacy transactions (web3j {@link
 * RawTransactionManager}) and calls encoded by hand from Solidity signatures: no generated
 * wrappers, so the tests read like the ABI.
 */
final class Chain implements AutoCloseable {

  static final long CHAIN_ID = Anvil.DEFAULT_CHAIN_ID;

  /** anvil's second development account: the stranger who holds no role. */
  static final String OTHER_PRIVATE_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** anvil's third development account. */
  static final String THIRD_PRIVATE_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  // a fixed limit, so a reverting transaction is mined (status 0) instead of failing estimation
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(5_000_000);
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(10_000_000_000L);

  private final Anvil anvil;
  private final Web3j web3j;
  private final PollingTransactionReceiptProcessor receipts;

  private Chain(Anvil anvil) {
    this.anvil = anvil;
    this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    this.receipts = new PollingTransactionReceiptProcessor(web3j, 50, 400);
  }

  static Chain start() {
    return new Chain(Anvil.start(Path.of("contracts"), CHAIN_ID));
  }

  Account account(String privateKey) {
    return new Account(Credentials.create(privateKey));
  }

  Account deployer() {
    return account(Anvil.DEV_PRIVATE_KEY);
  }

  /** {@code eth_call} of a view function, decoded per its output types. */
  @SuppressWarnings("rawtypes")
  List<Type> call(String to, Function function) {
    try {
      EthCall answer =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(
                      deployer().address(), to, FunctionEncoder.encode(function)),
                  DefaultBlockParameterName.LATEST)
              .send();
      assertThat(answer.hasError()).as(() -> answer.getError().getMessage()).isFalse();
      return FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single value a view function returns. */
  Object value(String to, String name, List<Type<?>> args, TypeReference<?> output) {
    return call(to, new Function(name, List.copyOf(args), List.of(output))).getFirst().getValue();
  }

  BigInteger balance(String address) {
    try {
      return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code abi.encode(args)}: static arguments, as the contracts hash them. */
  static byte[] abiEncode(Type<?>... args) {
    return org.web3j.utils.Numeric.hexStringToByteArray(
        FunctionEncoder.encodeConstructor(Arrays.asList(args)));
  }

  /** The calldata of {@code signature} (e.g. {@code "claim(uint64,address,uint256,bytes32[])"}). */
  static String calldata(String signature, Type<?>... args) {
    return selector(signature) + FunctionEncoder.encodeConstructor(Arrays.asList(args));
  }

  /** The 4-byte selector of a function or custom error, {@code 0x}-prefixed. */
  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }

  /** An account that signs its own transactions. */
  final class Account {

    private final Credentials credentials;
    private final RawTransactionManager transactions;

    private Account(Credentials credentials) {
      this.credentials = credentials;
      this.transactions = new RawTransactionManager(web3j, credentials, CHAIN_ID);
    }

    String address() {
      return credentials.getAddress();
    }

    /** Deploys {@code contract} with ABI-encoded constructor arguments; its address. */
    String deploy(Contracts.Compiled contract, Type<?>... constructorArgs) {
      String data =
          contract.deployData() + FunctionEncoder.encodeConstructor(Arrays.asList(constructorArgs));
      TransactionReceipt receipt = mine(null, data, BigInteger.ZERO, true);
      assertThat(receipt.isStatusOK()).as("deploying " + contract.name()).isTrue();
      return new Address(receipt.getContractAddress()).toString();
    }

    /** Sends {@code data} to {@code to} and expects success. */
    TransactionReceipt send(String to, String data) {
      return send(to, data, BigInteger.ZERO);
    }

    TransactionReceipt send(String to, String data, BigInteger value) {
      TransactionReceipt receipt = mine(to, data, value, false);
      assertThat(receipt.isStatusOK())
          .as(() -> "transaction reverted: " + revertData(to, data, value))
          .isTrue();
      return receipt;
    }

    /**
     * Sends {@code data} to {@code to} expecting a revert: the revert data {@code eth_call} answers
     * (the custom error, selector first), after checking that the mined transaction failed too.
     */
    String reverts(String to, String data) {
      return reverts(to, data, BigInteger.ZERO);
    }

    String reverts(String to, String data, BigInteger value) {
      String revert = revertData(to, data, value);
      assertThat(revert).as("eth_call should revert").isNotNull();
      TransactionReceipt receipt = mine(to, data, value, false);
      assertThat(receipt.isStatusOK()).as("the mined transaction should fail").isFalse();
      return revert;
    }

    private String revertData(String to, String data, BigInteger value) {
      try {
        EthCall answer =
            web3j
                .ethCall(
                    Transaction.createFunctionCallTransaction(
                        address(), null, null, null, to, value, data),
                    DefaultBlockParameterName.LATEST)
                .send();
        // web3j keeps the error's data as raw JSON: a quoted hex string
        return answer.hasError() ? answer.getError().getData().replace("\"", "") : null;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private TransactionReceipt mine(String to, String data, BigInteger value, boolean create) {
      try {
        EthSendTransaction sent =
            transactions.sendTransaction(
                GAS_PRICE, GAS_LIMIT, create ? "" : to, data, value, create);
        assertThat(sent.hasError()).as(() -> sent.getError().getMessage()).isFalse();
        return receipts.waitForTransactionReceipt(sent.getTransactionHash());
      } catch (IOException | TransactionException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
