package network.aioz.chain.node;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The chain as the adapter sees it: the node's chain id, head and the committer's balance. DOWN
 * names the reason (unreachable node, another chain); the service keeps consuming events and
 * settles once the chain is back.
 */
@Component("chain")
class ChainHealth implements HealthIndicator {

  private final ChainNode node;
  private final CommitterKey committer;

  ChainHealth(ChainNode node, CommitterKey committer) {
    this.node = node;
    this.committer = committer;
  }

  @Override
  public Health health() {
    try {
      return Health.up()
          .withDetail("chainId", node.chainId())
          .withDetail("head", node.blockNumber())
          .withDetail("committer", committer.address())
          .withDetail("committerBalance", node.balance(committer.address()).toString())
          .build();
    } catch (WrongChainException | ChainUnavailableException e) {
      return Health.down().withDetail("reason", e.getMessage()).build();
    }
  }
}
