package network.aioz.proof.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.aioz.proof.piece.PieceRepository;
import network.aioz.proof.piece.Placement;
import network.aioz.proof.support.ProofProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every tick, claims the pieces that are due (in batches, skipping rows other replicas hold),
 * challenges each batch concurrently on virtual threads and records every result. A claim leases
 * the piece for three challenge deadlines, so a replica that dies mid-batch delays those challenges
 * and loses none.
 */
@Component
class ChallengeScheduler {

  private static final Logger log = LoggerFactory.getLogger(ChallengeScheduler.class);

  /** Batches one tick works through at most, so a backlog cannot starve shutdown. */
  private static final int MAX_BATCHES_PER_TICK = 100;

  private final PieceRepository pieces;
  private final Challenger challenger;
  private final ResultRecorder recorder;
  private final ProofProperties settings;
  private final TransactionTemplate tx;
  private final Clock clock;

  ChallengeScheduler(
      PieceRepository pieces,
      Challenger challenger,
      ResultRecorder recorder,
      ProofProperties settings,
      TransactionTemplate tx,
      Clock clock) {
    this.pieces = pieces;
    this.challenger = challenger;
    this.recorder = recorder;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${proof.tick:PT1S}")
  void tick() {
    for (int batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      if (runBatch() < settings.batchSize()) {
        return;
      }
    }
  }

  /** Claims and challenges one batch; returns how many pieces it claimed. */
  int runBatch() {
    Instant now = clock.instant();
    Instant lease = now.plus(settings.challengeTimeout().multipliedBy(3));
    List<Placement> due = tx.execute(s -> pieces.claimDue(now, lease, settings.batchSize()));
    if (due == null || due.isEmpty()) {
      return 0;
    }
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>(due.size());
      for (Placement placement : due) {
        running.add(threads.submit(() -> challengeAndRecord(placement)));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (Exception e) {
          log.error("a challenge could not be recorded; it is retried after its lease", e);
        }
      }
    }
    return due.size();
  }

  private void challengeAndRecord(Placement placement) {
    Challenger.Outcome outcome = challenger.challenge(placement, null);
    if (outcome.verdict().result() != Verdict.Result.PASSED) {
      log.info(
          "piece {} on {}: {} {} ({})",
          placement.pieceId(),
          placement.nodeAddress(),
          outcome.verdict().result(),
          outcome.verdict().reason(),
          outcome.verdict().detail());
    }
    recorder.record(placement, outcome);
  }
}
