package network.aioz.proof.challenge;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.aioz.proof.piece.PieceRepository;
import network.aioz.proof.piece.Placement;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/proofs/pieces/{pieceId}}: where the piece is challenged and how recent challenges
 * went. {@code POST /v1/proofs/pieces/{pieceId}/challenge} (scope {@value #WRITE_SCOPE}):
 * challenges every unreleased placement of the piece now and answers with the results, which are
 * recorded and published like scheduled ones.
 */
@RestController
@RequestMapping("/v1/proofs/pieces")
class ProofController {

  static final String WRITE_SCOPE = "proof:write";
  private static final int RECENT = 10;

  private final PieceRepository pieces;
  private final ChallengeHistory history;
  private final Challenger challenger;
  private final ResultRecorder recorder;
  private final CallerIdentity identity;

  ProofController(
      PieceRepository pieces,
      ChallengeHistory history,
      Challenger challenger,
      ResultRecorder recorder,
      CallerIdentity identity) {
    this.pieces = pieces;
    this.history = history;
    this.challenger = challenger;
    this.recorder = recorder;
    this.identity = identity;
  }

  record PieceView(String pieceId, List<PlacementView> placements) {}

  record PlacementView(
      String taskId,
      String nodeAddress,
      String nodeStatus,
      String endpoint,
      String contentDigest,
      long sizeBytes,
      int blockSize,
      long blockCount,
      String merkleRoot,
      String priority,
      boolean released,
      Instant storedAt,
      Instant nextChallengeAt,
      int challenges,
      int consecutiveFailures,
      String lastResult,
      String lastReason,
      Instant lastChallengedAt,
      List<ChallengeHistory.Entry> recentChallenges) {}

  record ChallengeResults(String pieceId, List<ChallengeResult> results) {}

  record ChallengeResult(
      String taskId,
      String nodeAddress,
      String challengeId,
      long blockIndex,
      boolean includeData,
      String result,
      String reason,
      String detail,
      String proofRef,
      long latencyMs,
      boolean published) {}

  @GetMapping("/{pieceId}")
  PieceView piece(@PathVariable String pieceId) {
    UUID id = uuid(pieceId);
    List<Placement> placements = pieces.findByPiece(id);
    if (placements.isEmpty()) {
      throw ApiProblem.notFound("piece " + pieceId);
    }
    return new PieceView(
        id.toString(),
        placements.stream()
            .map(
                p ->
                    new PlacementView(
                        p.taskId().toString(),
                        p.nodeAddress(),
                        p.nodeStatus(),
                        p.endpoint(),
                        p.contentDigest(),
                        p.sizeBytes(),
                        p.blockSize(),
                        p.blockCount(),
                        "0x" + p.merkleRoot(),
                        p.priority(),
                        p.released(),
                        p.storedAt(),
                        p.nextChallengeAt(),
                        p.challenges(),
                        p.consecutiveFailures(),
                        p.lastResult(),
                        p.lastReason(),
                        p.lastChallengedAt(),
                        history.recent(p.pieceId(), p.taskId(), RECENT)))
            .toList());
  }

  /**
   * @param includeData force the block's bytes to be asked for (true) or not (false); by default
   *     drawn like a scheduled challenge
   */
  @PostMapping("/{pieceId}/challenge")
  ChallengeResults challenge(
      @PathVariable String pieceId,
      @RequestParam(required = false) Boolean includeData,
      HttpServletRequest request) {
    identity.require(request, WRITE_SCOPE);
    UUID id = uuid(pieceId);
    List<Placement> placements = pieces.findByPiece(id);
    if (placements.isEmpty()) {
      throw ApiProblem.notFound("piece " + pieceId);
    }
    List<Placement> live = placements.stream().filter(p -> !p.released()).toList();
    if (live.isEmpty()) {
      throw ApiProblem.conflict(
          "piece-released", "Piece released", "piece " + pieceId + " is no longer challenged");
    }
    List<ChallengeResult> results =
        live.stream()
            .map(
                p -> {
                  Challenger.Outcome outcome = challenger.challenge(p, includeData);
                  boolean published = recorder.record(p, outcome);
                  Verdict v = outcome.verdict();
                  return new ChallengeResult(
                      p.taskId().toString(),
                      p.nodeAddress(),
                      outcome.sent().challengeId(),
                      outcome.sent().blockIndex(),
                      outcome.sent().includeData(),
                      v.result().name(),
                      v.reason(),
                      v.detail(),
                      v.proofRef(),
                      outcome.latency().toMillis(),
                      published);
                })
            .toList();
    return new ChallengeResults(id.toString(), results);
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'" + value + "' is not a UUID");
    }
  }
}
