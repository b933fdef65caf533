package network.aioz.proof.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import network.aioz.proof.piece.Cadence;
import network.aioz.proof.piece.PieceRepository;
import network.aioz.proof.piece.Placement;
import network.aioz.proof.support.ProofProperties;
import network.aioz.shared.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a challenge's result, schedules the piece's next challenge and appends the {@code
 * proof.result} event, all in one transaction, so a result is published if and only if it is
 * recorded. A piece released while its challenge was in flight gets the history entry but no event:
 * the storage service has let it go, so its absence says nothing about the node.
 */
@Component
class ResultRecorder {

  private final PieceRepository pieces;
  private final ChallengeHistory history;
  private final Cadence cadence;
  private final Outbox outbox;
  private final ProofProperties settings;
  private final Clock clock;

  ResultRecorder(
      PieceRepository pieces,
      ChallengeHistory history,
      Cadence cadence,
      Outbox outbox,
      ProofProperties settings,
      Clock clock) {
    this.pieces = pieces;
    this.history = history;
    this.cadence = cadence;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  /** Returns whether a {@code proof.result} event was appended. */
  @Transactional
  public boolean record(Placement challenged, Challenger.Outcome outcome) {
    Optional<Placement> locked = pieces.lock(challenged.pieceId(), challenged.taskId());
    if (locked.isEmpty()) {
      return false;
    }
    Placement placement = locked.get();
    Verdict verdict = outcome.verdict();
    Instant now = clock.instant();
    int failures =
        switch (verdict.result()) {
          case PASSED -> 0;
          case FAILED -> placement.consecutiveFailures() + 1;
          case INCONCLUSIVE -> placement.consecutiveFailures();
        };
    pieces.recordOutcome(
        placement.pieceId(),
        placement.taskId(),
        verdict.result().name(),
        verdict.reason(),
        failures,
        now,
        cadence.next(now, placement.nodeStatus(), placement.priority(), failures));
    history.append(placement, outcome, now, settings.historyPerPiece());
    if (placement.released()) {
      return false;
    }
    outbox.append(
        ProofResultEvent.TOPIC,
        placement.taskId().toString(),
        verdict.result().eventType(),
        new ProofResultEvent(
            placement.taskId().toString(),
            placement.nodeAddress(),
            verdict.proofRef(),
            verdict.reason(),
            "storage",
            placement.pieceId().toString(),
            outcome.sent().challengeId(),
            outcome.sent().blockIndex()));
    return true;
  }
}
