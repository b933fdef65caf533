package network.aioz.chain.settlement;

import java.util.Optional;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import org.springframework.stereotype.Component;

/** Reads of epochs' settlements, for this package's API and the verification API. */
@Component
public class SettlementViews {

  private final SettlementRepository repository;
  private final ChainNode node;
  private final ChainSettings settings;

  SettlementViews(SettlementRepository repository, ChainNode node, ChainSettings settings) {
    this.repository = repository;
    this.node = node;
    this.settings = settings;
  }

  public Optional<EpochView> find(long epoch) {
    return repository.find(epoch).map(this::view);
  }

  EpochView view(Settlement s) {
    return new EpochView(
        s.epoch(),
        s.previousEpoch(),
        s.state(),
        s.receiptsRoot(),
        s.receiptCount(),
        s.rewardsRoot(),
        s.fees() == null ? null : s.fees().view(),
        s.previousCommitment(),
        s.commitment(),
        s.committed() ? node.chainId() : null,
        s.committed() ? settings.contracts().registry() : null,
        s.txHash(),
        s.blockNumber(),
        s.blockHash(),
        s.committedAt(),
        s.lastError());
  }
}
