package network.aioz.storage.bucket;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.aioz.storage.data.Redundancy;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import network.aioz.storage.support.StorageProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bucket operations for an authenticated tenant. Another tenant's bucket answers AccessDenied for
 * every operation, so names do not leak contents; only creation reveals that a name is taken.
 */
@Service
public class BucketService {

  /**
   * CreateBucket header choosing how often Proof of Storage challenges the bucket's pieces: {@code
   * standard} (default) or {@code high} (valuable data).
   */
  public static final String PROOF_PRIORITY_HEADER = "x-aioz-proof-priority";

  private final BucketRepository buckets;
  private final StorageProperties settings;
  private final Clock clock;

  BucketService(BucketRepository buckets, StorageProperties settings, Clock clock) {
    this.buckets = buckets;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  public Bucket create(
      String tenantId, String name, String location, String redundancy, String proofPriority) {
    String problem = BucketNames.problem(name);
    if (problem != null) {
      throw new S3Exception(S3ErrorCode.InvalidBucketName, problem).detail("BucketName", name);
    }
    String region = location == null || location.isBlank() ? settings.region() : location;
    if (!region.equals(settings.region())) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument,
              "This service stores buckets in " + settings.region() + " only.")
          .detail("ArgumentName", "LocationConstraint")
          .detail("ArgumentValue", region);
    }
    String policy = redundancy == null ? settings.defaultRedundancy() : redundancy;
    try {
      policy = Redundancy.parse(policy).name();
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, e.getMessage())
          .detail("ArgumentName", "x-aioz-redundancy")
          .detail("ArgumentValue", String.valueOf(redundancy));
    }
    String priority =
        proofPriority == null ? "standard" : proofPriority.strip().toLowerCase(Locale.ROOT);
    if (!priority.equals("standard") && !priority.equals("high")) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument, "The proof priority must be standard or high.")
          .detail("ArgumentName", PROOF_PRIORITY_HEADER)
          .detail("ArgumentValue", proofPriority);
    }
    Bucket bucket =
        new Bucket(
            name, tenantId, region, policy, priority, "Unversioned", null, null, clock.instant());
    if (!buckets.insert(bucket)) {
      Bucket existing = buckets.find(name).orElseThrow();
      throw new S3Exception(
              existing.tenantId().equals(tenantId)
                  ? S3ErrorCode.BucketAlreadyOwnedByYou
                  : S3ErrorCode.BucketAlreadyExists)
          .detail("BucketName", name);
    }
    return bucket;
  }

  /** The tenant's bucket: NoSuchBucket when absent, AccessDenied when it is someone else's. */
  public Bucket require(String tenantId, String name) {
    return owned(tenantId, name, buckets.find(name).orElse(null));
  }

  private static Bucket owned(String tenantId, String name, Bucket bucket) {
    if (bucket == null) {
      throw new S3Exception(S3ErrorCode.NoSuchBucket).detail("BucketName", name);
    }
    if (!bucket.tenantId().equals(tenantId)) {
      throw new S3Exception(S3ErrorCode.AccessDenied);
    }
    return bucket;
  }

  public List<Bucket> list(String tenantId) {
    return buckets.ofTenant(tenantId);
  }

  @Transactional
  public void delete(String tenantId, String name) {
    Bucket bucket = owned(tenantId, name, buckets.findForUpdate(name).orElse(null));
    if (buckets.hasObjects(bucket.name())) {
      throw new S3Exception(S3ErrorCode.BucketNotEmpty).detail("BucketName", name);
    }
    buckets.delete(bucket.name());
  }

  @Transactional
  public void setVersioning(String tenantId, String name, String status) {
    Bucket bucket = owned(tenantId, name, buckets.findForUpdate(name).orElse(null));
    if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
      throw new S3Exception(
          S3ErrorCode.IllegalVersioningConfigurationException,
          "The Versioning element must be Enabled or Suspended.");
    }
    // once versioning was enabled a bucket never goes back to unversioned, only to suspended
    buckets.setVersioning(bucket.name(), status);
  }

  @Transactional
  public void setCors(String tenantId, String name, String corsXml) {
    require(tenantId, name);
    buckets.setCors(name, corsXml);
  }

  @Transactional
  public void setTags(String tenantId, String name, Map<String, String> tags) {
    require(tenantId, name);
    buckets.setTags(name, tags);
  }

  /** A bucket by name regardless of owner: for CORS preflight, which carries no credentials. */
  public java.util.Optional<Bucket> findAnyOwner(String name) {
    return buckets.find(name);
  }
}
