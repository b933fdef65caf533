package network.aioz.storage.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the storage service (prefix {@code storage}).
 *
 * @param region the S3 region this service answers as (credential scopes must name it)
 * @param credentials static access keys, for tests and air-gapped bootstrap only; tenants' keys
 *     come from identity-service ({@code identityUrl})
 * @param identityUrl identity-service, which resolves tenants' S3 access keys; none: only the
 *     static {@code credentials} are known
 * @param credentialCacheTtl how long a resolved access key is reused without asking
 *     identity-service again: the bound on how late a revocation takes effect here
 * @param masterKeys master key id to base64 of 32 bytes; data keys are wrapped under them
 * @param activeMasterKey the master key id that wraps new data keys
 * @param defaultRedundancy policy of buckets created without {@code x-aioz-redundancy}
 * @param segmentSize plaintext bytes per segment; bounds the memory of one upload or read
 * @param chunkSize plaintext bytes per authenticated encryption chunk (the unit of ranged reads)
 * @param blockSize bytes per Proof-of-Storage block of a piece
 * @param inlineThreshold objects up to this size live in the metadata database, not on edges
 * @param ledgerUrl the task ledger, which places every piece
 * @param pieceTimeout how long one piece transfer to or from an edge may take
 * @param longTailGrace after the success threshold is met, how long slower uploads may finish
 * @param hedgeDelay how long a read waits on a slow piece before asking one more edge
 * @param maxSegmentsInFlight segments buffered at once across all requests (memory bound)
 * @param virtualHostSuffixes host names under which {@code <bucket>.<suffix>} addresses a bucket
 *     (virtual-host-style requests)
 */
@ConfigurationProperties("storage")
public record StorageProperties(
    @DefaultValue("us-east-1") String region,
    @DefaultValue List<DevCredential> credentials,
    URI identityUrl,
    @DefaultValue("5s") Duration credentialCacheTtl,
    @DefaultValue Map<String, String> masterKeys,
    @DefaultValue("k1") String activeMasterKey,
    @DefaultValue("rs-10-4") String defaultRedundancy,
    @DefaultValue("16MB") DataSize segmentSize,
    @DefaultValue("64KB") DataSize chunkSize,
    @DefaultValue("16KB") DataSize blockSize,
    @DefaultValue("32KB") DataSize inlineThreshold,
    @DefaultValue("http://localhost:8081") URI ledgerUrl,
    @DefaultValue("PT60S") Duration pieceTimeout,
    @DefaultValue("PT0.5S") Duration longTailGrace,
    @DefaultValue("PT0.4S") Duration hedgeDelay,
    @DefaultValue("12") int maxSegmentsInFlight,
    @DefaultValue("s3.localhost") List<String> virtualHostSuffixes) {

  /** An access key pair and the tenant it belongs to. */
  public record DevCredential(String accessKeyId, String secretKey, String tenantId) {}
}
