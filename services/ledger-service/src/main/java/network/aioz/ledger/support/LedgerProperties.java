package network.aioz.ledger.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger.
 *
 * @param epochLength length of a receipt epoch
 * @param epochGenesis start of epoch 0
 * @param epochGrace how long after its end an epoch is sealed (late proofs still land in it)
 * @param sealInterval how often the sealer looks for epochs to seal
 * @param heartbeatInterval how often edges are asked to heartbeat
 * @param signatureSkew largest accepted difference between an edge's timestamp and the ledger's
 *     clock
 * @param maxTaskAttempts how many nodes a task is tried on before it is settled as failed
 * @param taskDeadline how long a task may stay assigned or running on one node before it fails
 *     there and moves on
 * @param assignmentSeed seed of the assignment's random choices; 0 means unseeded
 * @param knownCodecs transcode codecs an edge may declare
 * @param knownRuntimes inference runtimes an edge may declare
 * @param reputation reputation settings
 * @param uptime uptime accounting settings
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
    @DefaultValue("PT1H") Duration epochLength,
    @DefaultValue("2026-01-01T00:00:00Z") Instant epochGenesis,
    @DefaultValue("PT5S") Duration epochGrace,
    @DefaultValue("PT2S") Duration sealInterval,
    @DefaultValue("PT5S") Duration heartbeatInterval,
    @DefaultValue("PT2M") Duration signatureSkew,
    @DefaultValue("3") int maxTaskAttempts,
    @DefaultValue("PT30M") Duration taskDeadline,
    @DefaultValue("0") long assignmentSeed,
    @DefaultValue({"h264", "h265", "vp9", "av1", "aac", "opus"}) Set<String> knownCodecs,
    @DefaultValue({"onnx", "llama-cpp", "vllm", "tensorrt", "pytorch"}) Set<String> knownRuntimes,
    @DefaultValue Reputation reputation,
    @DefaultValue Uptime uptime) {

  /** The longest gap between two heartbeats that still counts as online: 2 intervals by default. */
  public Duration uptimeMaxGap() {
    return uptime.maxGap() != null ? uptime.maxGap() : heartbeatInterval.multipliedBy(2);
  }

  /**
   * Uptime accounting.
   *
   * @param maxGap longest gap between consecutive heartbeats counted as online (null: twice the
   *     heartbeat interval)
   */
  public record Uptime(Duration maxGap) {}

  /**
   * Reputation settings (Storj-style beta reputation; see docs/assignment-and-reputation.md).
   *
   * @param lambda forgetting factor
   * @param weight weight of one observation
   * @param initialAlpha starting alpha of every track (Storj starts at 1000, the steady state of
   *     lambda 0.999 and weight 1, so one early failure does not eject a new node)
   * @param vettingAudits passed audits that turn a vetting node active
   * @param auditDisqualification audit score below which a node is ejected
   * @param unknownSuspension unknown-audit score below which a node is suspended
   * @param suspensionGrace how long a suspended node may recover before it is ejected
   */
  public record Reputation(
      @DefaultValue("0.999") double lambda,
      @DefaultValue("1") double weight,
      @DefaultValue("1000") double initialAlpha,
      @DefaultValue("100") int vettingAudits,
      @DefaultValue("0.96") double auditDisqualification,
      @DefaultValue("0.6") double unknownSuspension,
      @DefaultValue("P7D") Duration suspensionGrace) {}
}
