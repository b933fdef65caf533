package network.aioz.storage.repair;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.storage.data.BlobRepository;
import network.aioz.storage.data.NodeDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Periodic sweeps: pieces on nodes silent for longer than {@code storage.offline-repair-after} are
 * rebuilt elsewhere (the node's copies are released, so it drops them if it returns), and blobs
 * whose writer died mid-upload are released.
 */
@Component
class Housekeeping {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final BlobRepository blobs;
  private final NodeDirectory directory;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration offlineAfter;
  private final Duration abandonedAfter;

  Housekeeping(
      BlobRepository blobs,
      NodeDirectory directory,
      TransactionTemplate tx,
      Clock clock,
      @Value("${storage.offline-repair-after:PT1H}") Duration offlineAfter,
      @Value("${storage.abandoned-write-after:PT1H}") Duration abandonedAfter) {
    this.blobs = blobs;
    this.directory = directory;
    this.tx = tx;
    this.clock = clock;
    this.offlineAfter = offlineAfter;
    this.abandonedAfter = abandonedAfter;
  }

  @Scheduled(fixedDelayString = "${storage.housekeeping-interval:PT15S}", initialDelay = 5000)
  void sweep() {
    repairOfflineNodes();
    collectAbandonedWrites();
  }

  void repairOfflineNodes() {
    Instant refreshed = directory.refreshedAt();
    if (refreshed == null || refreshed.isBefore(clock.instant().minus(Duration.ofMinutes(2)))) {
      // without a recent view of the nodes, silence cannot be told from our own isolation
      return;
    }
    Instant cutoff = clock.instant().minus(offlineAfter);
    java.util.Set<String> holding = new java.util.HashSet<>();
    blobs.nodesHoldingPieces().forEach(n -> holding.add(n.toLowerCase(java.util.Locale.ROOT)));
    for (NodeDirectory.Node node : directory.all()) {
      boolean silent = node.lastHeartbeatAt() == null || node.lastHeartbeatAt().isBefore(cutoff);
      if (silent && holding.contains(node.address().toLowerCase(java.util.Locale.ROOT))) {
        int moved =
            blobs.markMissingOnNode(node.address(), "node offline since " + node.lastHeartbeatAt());
        log.info(
            "node {} offline past {}: {} piece(s) to repair", node.address(), offlineAfter, moved);
      }
    }
  }

  void collectAbandonedWrites() {
    blobs.forgetHeld(abandonedAfter);
    for (UUID blob : blobs.abandonedWrites(clock.instant().minus(abandonedAfter), 100)) {
      tx.executeWithoutResult(status -> blobs.release(List.of(blob), "write abandoned"));
      log.info("released blob {}: its write was abandoned", blob);
    }
  }
}
