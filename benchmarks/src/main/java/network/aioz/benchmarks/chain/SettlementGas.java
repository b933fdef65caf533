package network.aioz.benchmarks.chain;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import network.aioz.benchmarks.support.Options;
import network.aioz.chain.contracts.Deployment;

/**
 * Gas of settling work on chain, on a real anvil with the contracts {@link Deployment} deploys:
 * {@code SettlementRegistry.commitEpoch} of epochs whose receipts roots come from real {@code
 * EpochTree}s of N synthetic receipts (the commit costs the same for any N, so the gas per settled
 * receipt is commit gas / N), and {@code RewardsDistributor.claim} against rewards trees of E edges
 * (grows with the proof, log2 E). Baselines: paying each receipt or edge with its own native or
 * ERC-20 transfer, both measured on the same chain.
 *
 * <p>{@code --receipts 1000,100000,1000000}, {@code --edges 4,1000,100000}, {@code --nodes 10000}
 * (the edges the receipts are spread over), {@code --seed 42}.
 */
public final class SettlementGas {

  private static final String USAGE =
      "SettlementGas [--receipts 1000,100000,1000000] [--edges 4,1000,100000] [--nodes 10000]"
          + " [--seed 42]";

  /** One commit measured, or not (then {@code gas} is -1 and {@code note} says why). */
  private record Commit(int receipts, long gas, boolean first, String note) {}

  /** Two claims from one rewards tree, each with the length of its proof. */
  private record Claims(
      int edges,
      long commitGas,
      int newAccountProof,
      long newAccountGas,
      int fundedProof,
      long fundedGas) {}

  private SettlementGas() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Options.parse(args, USAGE);
    if (!Set.of("receipts", "edges", "nodes", "seed").containsAll(options.keySet())) {
      throw new IllegalArgumentException("usage: " + USAGE);
    }
    List<Integer> receiptCounts = counts(options.getOrDefault("receipts", "1000,100000,1000000"));
    List<Integer> edgeCounts = counts(options.getOrDefault("edges", "4,1000,100000"));
    int nodeCount = Integer.parseInt(options.getOrDefault("nodes", "10000"));
    SplittableRandom random =
        new SplittableRandom(Long.parseLong(options.getOrDefault("seed", "42")));

    Path root = repoRoot();
    Path contracts = root.resolve("chain-adapter/contracts");
    try (GasChain chain = GasChain.start(contracts)) {
      String node =
          chain.clientVersion()
              + ", hardfork "
              + chain.hardfork()
              + ", chain id "
              + GasChain.CHAIN_ID;
      System.out.println(node + ", " + LocalDate.now());
      Deployment.Deployed deployed = chain.deploy();
      System.out.printf(
          "deployed: registry %s, distributor %s%n", deployed.registry(), deployed.rewards());
      Settlement settlement = new Settlement(chain, deployed.registry(), deployed.rewards());

      System.out.println("baselines: one transfer per item ...");
      long nativeGas = Transfers.nativeTransfer(chain, random);
      Optional<Transfers.Erc20Gas> erc20 = Transfers.erc20Transfer(chain, root, contracts, random);
      System.out.printf(Locale.ROOT, "  native transfer: %,d gas%n", nativeGas);
      erc20.ifPresent(
          gas ->
              System.out.printf(
                  Locale.ROOT,
                  "  ERC-20 transfer: %,d gas to a new holder, %,d to an existing holder%n",
                  gas.newHolder(),
                  gas.existingHolder()));

      List<String> nodes = new ArrayList<>(nodeCount);
      for (int i = 0; i < nodeCount; i++) {
        nodes.add(SyntheticEpoch.address(random));
      }
      List<Commit> commits = new ArrayList<>();
      long epoch = 0;
      // the registry's first commit fills empty slots, so it is measured on its own
      List<Integer> sizes = new ArrayList<>(receiptCounts);
      sizes.addFirst(receiptCounts.getFirst());
      for (int i = 0; i < sizes.size(); i++) {
        int n = sizes.get(i);
        System.out.printf(Locale.ROOT, "epoch %d: %,d receipts ...%n", epoch + 1, n);
        SyntheticEpoch sealed;
        try {
          sealed = SyntheticEpoch.ofReceipts(epoch + 1, n, nodes, random);
        } catch (OutOfMemoryError e) {
          String note =
              "not measured: the tree did not fit in "
                  + (Runtime.getRuntime().maxMemory() >> 20)
                  + " MiB of heap";
          System.out.println("  " + note);
          commits.add(new Commit(n, -1, i == 0, note));
          continue;
        }
        long gas = settlement.commit(sealed);
        epoch++;
        System.out.printf(
            Locale.ROOT, "  committed: %,d gas (%.4f gas/receipt)%n", gas, gas / (double) n);
        commits.add(new Commit(n, gas, i == 0, ""));
      }

      List<Claims> claims = new ArrayList<>();
      for (int edges : edgeCounts) {
        epoch++;
        System.out.printf(Locale.ROOT, "epoch %d: rewards of %,d edges ...%n", epoch, edges);
        List<String> addresses = new ArrayList<>(edges);
        List<BigInteger> amounts = new ArrayList<>(edges);
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < edges; i++) {
          addresses.add(SyntheticEpoch.address(random));
          BigInteger amount =
              BigInteger.valueOf(random.nextLong(1_000_000_000_000L, 1_000_000_000_000_000L));
          amounts.add(amount);
          total = total.add(amount);
        }
        SyntheticEpoch sealed = SyntheticEpoch.ofRewards(epoch, addresses, amounts, random);
        long commitGas = settlement.commit(sealed);
        settlement.fund(total);
        // the edge of leaf 0 has never held anything; the last one is given 1 wei first
        long newAccount = settlement.claim(sealed, 0);
        int last = edges - 1;
        chain.setBalance(addresses.get(last), BigInteger.ONE);
        long funded = last > 0 ? settlement.claim(sealed, last) : -1;
        int newAccountProof = sealed.rewards().proof(0).size();
        int fundedProof = sealed.rewards().proof(last).size();
        System.out.printf(
            Locale.ROOT,
            "  committed: %,d gas; claims: %,d gas (new account, proof of %d), %,d gas (funded"
                + " edge, proof of %d)%n",
            commitGas,
            newAccount,
            newAccountProof,
            funded,
            fundedProof);
        claims.add(new Claims(edges, commitGas, newAccountProof, newAccount, fundedProof, funded));
      }

      printCommits(commits, nativeGas, erc20);
      printClaims(claims, nativeGas);
      System.out.println();
      System.out.println(node);
    }
    System.exit(0);
  }

  private static void printCommits(
      List<Commit> commits, long nativeGas, Optional<Transfers.Erc20Gas> erc20) {
    long erc20Gas = erc20.map(Transfers.Erc20Gas::existingHolder).orElse(-1L);
    System.out.println();
    System.out.println(
        "| receipts | commit gas | gas/receipt | per-receipt native transfers (N x "
            + String.format(Locale.ROOT, "%,d", nativeGas)
            + ") | ratio | per-receipt ERC-20 transfers (N x "
            + (erc20Gas < 0 ? "not measured" : String.format(Locale.ROOT, "%,d", erc20Gas))
            + ") | ratio |");
    System.out.println("|---|---|---|---|---|---|---|");
    long steadyMin = Long.MAX_VALUE;
    long steadyMax = 0;
    double perReceiptAt100k = -1;
    for (Commit commit : commits) {
      String label =
          String.format(Locale.ROOT, "%,d", commit.receipts())
              + (commit.first() ? " (first commit)" : "");
      if (commit.gas() < 0) {
        System.out.printf("| %s | %s | | | | | |%n", label, commit.note());
        continue;
      }
      if (!commit.first()) {
        steadyMin = Math.min(steadyMin, commit.gas());
        steadyMax = Math.max(steadyMax, commit.gas());
        if (commit.receipts() == 100_000) {
          perReceiptAt100k = commit.gas() / 100_000.0;
        }
      }
      BigInteger n = BigInteger.valueOf(commit.receipts());
      BigInteger nativeBaseline = n.multiply(BigInteger.valueOf(nativeGas));
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.4f | %,d | %,.0fx | %s | %s |%n",
          label,
          commit.gas(),
          commit.gas() / (double) commit.receipts(),
          nativeBaseline,
          nativeBaseline.doubleValue() / commit.gas(),
          erc20Gas < 0
              ? "not measured"
              : String.format(Locale.ROOT, "%,d", n.multiply(BigInteger.valueOf(erc20Gas))),
          erc20Gas < 0
              ? ""
              : String.format(Locale.ROOT, "%,.0fx", n.doubleValue() * erc20Gas / commit.gas()));
    }
    if (steadyMax > 0) {
      System.out.printf(
          Locale.ROOT,
          "%nsteady-state commit gas: %,d..%,d (commits after the first, whatever N)%n",
          steadyMin,
          steadyMax);
    }
    erc20.ifPresent(
        gas ->
            System.out.printf(
                Locale.ROOT,
                "ERC-20 transfer to a new holder: %,d gas (the table uses the cheaper existing"
                    + " holder)%n",
                gas.newHolder()));
    if (perReceiptAt100k >= 0) {
      System.out.printf(
          Locale.ROOT,
          "target <= 1 gas/receipt at 100,000 receipts: %s (%.4f)%n",
          perReceiptAt100k <= 1 ? "met" : "NOT met",
          perReceiptAt100k);
    }
  }

  private static void printClaims(List<Claims> claims, long nativeGas) {
    System.out.println();
    System.out.println(
        "| edges in the rewards tree | claim gas, new edge account (proof nodes) | claim gas, edge"
            + " already funded (proof nodes) | epoch commit gas / edge | per-edge native transfer |"
            + " claim (funded) / transfer |");
    System.out.println("|---|---|---|---|---|---|");
    for (Claims c : claims) {
      System.out.printf(
          Locale.ROOT,
          "| %,d | %,d (%d) | %s | %,.2f | %,d | %s |%n",
          c.edges(),
          c.newAccountGas(),
          c.newAccountProof(),
          c.fundedGas() < 0
              ? "-"
              : String.format(Locale.ROOT, "%,d (%d)", c.fundedGas(), c.fundedProof()),
          c.commitGas() / (double) c.edges(),
          nativeGas,
          c.fundedGas() < 0
              ? "-"
              : String.format(Locale.ROOT, "%.2fx", c.fundedGas() / (double) nativeGas));
    }
  }

  private static List<Integer> counts(String list) {
    List<Integer> counts =
        Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
    if (counts.isEmpty() || counts.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("counts must be positive: " + list);
    }
    return counts;
  }

  /** The repository root: the working directory, or its parent when run from benchmarks/. */
  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : Arrays.asList(here, here.getParent())) {
      if (candidate != null
          && Files.isRegularFile(candidate.resolve("chain-adapter/contracts/package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "run from the repository root or benchmarks/: no chain-adapter/contracts under " + here);
  }
}
