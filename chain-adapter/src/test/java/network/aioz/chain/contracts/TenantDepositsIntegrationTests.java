package network.aioz.chain.contracts;

import static network.aioz.chain.contracts.Chain.calldata;
import static network.aioz.chain.contracts.Chain.selector;
import static network.aioz.chain.contracts.SettlementRegistryIntegrationTests.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** {@code TenantDeposits} on a real chain: deposit events, refusals and the treasury withdrawal. */
class TenantDepositsIntegrationTests {

  private static final String DEPOSIT_TOPIC = Hash.sha3String("Deposit(bytes32,address,uint256)");

  private static Chain chain;
  private static Chain.Account owner;
  private static Chain.Account tenantWallet;
  private static String token;

  @BeforeAll
  static void startChain() {
    chain = Chain.start();
    owner = chain.deployer();
    tenantWallet = chain.account(Chain.OTHER_PRIVATE_KEY);
    token = owner.deploy(Contracts.load("TestToken"));
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void aNativeDepositEmitsExactlyOneDepositForTheTenant() {
    String deposits = deployDeposits(BigInteger.ZERO);
    byte[] tenant = Hash.sha3("tenant-42".getBytes());
    BigInteger amount = new BigInteger("1500000000000000000");

    TransactionReceipt receipt = tenantWallet.send(deposits, deposit(tenant), amount);

    assertThat(receipt.getLogs()).hasSize(1);
    Log log = receipt.getLogs().getFirst();
    assertThat(log.getAddress()).isEqualToIgnoringCase(deposits);
    assertThat(log.getTopics())
        .containsExactly(
            DEPOSIT_TOPIC,
            Numeric.toHexString(tenant),
            "0x" + word(Numeric.toBigInt(tenantWallet.address())));
    assertThat(log.getData()).isEqualTo("0x" + word(amount));
    assertThat(chain.balance(deposits)).isEqualTo(amount);
    System.out.printf("gas: TenantDeposits.deposit native=%d%n", receipt.getGasUsed());
  }

  @Test
  void zeroDepositsAndTokenDepositsWithoutATokenAreRefused() {
    String deposits = deployDeposits(BigInteger.ZERO);
    byte[] tenant = Hash.sha3("tenant-7".getBytes());

    assertThat(tenantWallet.reverts(deposits, deposit(tenant), BigInteger.ZERO))
        .isEqualTo(selector("ZeroAmount()"));
    assertThat(tenantWallet.reverts(deposits, depositToken(tenant, BigInteger.TEN)))
        .isEqualTo(selector("TokenNotAccepted()"));
  }

  @Test
  void tokenDepositsPullTheApprovedAmount() {
    String deposits = deployDeposits(Numeric.toBigInt(token));
    byte[] tenant = Hash.sha3("tenant-token".getBytes());
    BigInteger amount = BigInteger.valueOf(5_000);
    owner.send(
        token,
        calldata(
            "mint(address,uint256)", new Address(tenantWallet.address()), new Uint256(amount)));
    tenantWallet.send(
        token, calldata("approve(address,uint256)", new Address(deposits), new Uint256(amount)));

    assertThat(tenantWallet.reverts(deposits, depositToken(tenant, BigInteger.ZERO)))
        .isEqualTo(selector("ZeroAmount()"));
    TransactionReceipt receipt = tenantWallet.send(deposits, depositToken(tenant, amount));

    List<Log> depositLogs =
        receipt.getLogs().stream()
            .filter(l -> l.getTopics().getFirst().equals(DEPOSIT_TOPIC))
            .toList();
    assertThat(depositLogs).hasSize(1);
    assertThat(depositLogs.getFirst().getTopics().get(1)).isEqualTo(Numeric.toHexString(tenant));
    assertThat(depositLogs.getFirst().getData()).isEqualTo("0x" + word(amount));
    assertThat(tokenBalance(deposits)).isEqualTo(amount);
    System.out.printf("gas: TenantDeposits.depositToken=%d%n", receipt.getGasUsed());
  }

  @Test
  void onlyTheOwnerMovesTheCollectedFundsToTheTreasury() {
    String deposits = deployDeposits(Numeric.toBigInt(token));
    byte[] tenant = Hash.sha3("tenant-w".getBytes());
    BigInteger coins = BigInteger.valueOf(123_456_789);
    BigInteger tokens = BigInteger.valueOf(777);
    tenantWallet.send(deposits, deposit(tenant), coins);
    owner.send(
        token, calldata("mint(address,uint256)", new Address(deposits), new Uint256(tokens)));
    String treasury =
        Numeric.toHexString(java.util.Arrays.copyOfRange(Hash.sha3("treasury".getBytes()), 12, 32));
    String withdraw = calldata("withdraw(address)", new Address(treasury));

    assertThat(tenantWallet.reverts(deposits, withdraw))
        .startsWith(selector("OwnableUnauthorizedAccount(address)"));
    owner.send(deposits, withdraw);

    assertThat(chain.balance(treasury)).isEqualTo(coins);
    assertThat(tokenBalance(treasury)).isEqualTo(tokens);
    assertThat(chain.balance(deposits)).isZero();
    assertThat(tokenBalance(deposits)).isZero();
  }

  private static String deployDeposits(BigInteger tokenAddress) {
    return owner.deploy(
        Contracts.load(Contracts.TENANT_DEPOSITS),
        new Address(owner.address()),
        new Address(tokenAddress));
  }

  private static String deposit(byte[] tenant) {
    return calldata("deposit(bytes32)", new Bytes32(tenant));
  }

  private static String depositToken(byte[] tenant, BigInteger amount) {
    return calldata("depositToken(bytes32,uint256)", new Bytes32(tenant), new Uint256(amount));
  }

  private static BigInteger tokenBalance(String owner) {
    return (BigInteger)
        chain.value(
            token, "balanceOf", List.of(new Address(owner)), new TypeReference<Uint256>() {});
  }
}
