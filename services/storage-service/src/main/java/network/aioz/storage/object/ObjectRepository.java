package network.aioz.storage.object;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Object versions and their parts. Keys compare in byte order (the column is COLLATE "C"). */
@Repository
class ObjectRepository {

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, bucket, key, version_id, is_latest, delete_marker, size, etag, content_type, headers,"
          + " user_metadata, tags, checksum_algo, checksum_value, checksum_type, part_count,"
          + " owner_tenant, created_at";

  private final JdbcTemplate jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  ObjectRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Serialises writers of one key until the transaction ends (a transaction-scoped advisory lock):
   * conditional writes and the replacement of the {@code null} version must see each other.
   */
  void lockKey(String bucket, String key) {
    jdbc.queryForObject(
        "select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class, bucket + "/" + key);
  }

  Optional<ObjectVersion> latest(String bucket, String key, boolean lock) {
    return one(
        "select "
            + COLUMNS
            + " from object_version where bucket = ? and key = ? and is_latest"
            + (lock ? " for update" : ""),
        bucket,
        key);
  }

  Optional<ObjectVersion> version(String bucket, String key, String versionId, boolean lock) {
    return one(
        "select "
            + COLUMNS
            + " from object_version where bucket = ? and key = ? and version_id = ?"
            + (lock ? " for update" : ""),
        bucket,
        key,
        versionId);
  }

  /** The newest version of a key that is not {@code except}, to become the latest. */
  Optional<UUID> newestOther(String bucket, String key, UUID except) {
    return jdbc
        .query(
            "select id from object_version where bucket = ? and key = ? and id <> ?"
                + " order by seq desc limit 1",
            (rs, n) -> rs.getObject(1, UUID.class),
            bucket,
            key,
            except)
        .stream()
        .findFirst();
  }

  private Optional<ObjectVersion> one(String sql, Object... args) {
    List<ObjectVersion> found = jdbc.query(sql, this::version, args);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ObjectVersion v = found.getFirst();
    return Optional.of(withParts(v));
  }

  ObjectVersion withParts(ObjectVersion v) {
    if (v.deleteMarker()) {
      return v;
    }
    List<ObjectVersion.ObjectPart> parts =
        jdbc.query(
            "select part_number, blob_id, plain_offset, size, etag from object_part"
                + " where object_id = ? order by part_number",
            (rs, n) ->
                new ObjectVersion.ObjectPart(
                    rs.getInt(1),
                    rs.getObject(2, UUID.class),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5)),
            v.id());
    return v.withParts(parts);
  }

  void insert(ObjectVersion v) {
    jdbc.update(
        """
        insert into object_version (id, bucket, key, version_id, is_latest, delete_marker, size, etag,
            content_type, headers, user_metadata, tags, checksum_algo, checksum_value, checksum_type,
            part_count, owner_tenant, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)
        """,
        v.id(),
        v.bucket(),
        v.key(),
        v.versionId(),
        v.latest(),
        v.deleteMarker(),
        v.size(),
        v.etag(),
        v.contentType(),
        json.writeValueAsString(v.headers()),
        json.writeValueAsString(v.userMetadata()),
        json.writeValueAsString(v.tags()),
        v.checksumAlgorithm(),
        v.checksumValue(),
        v.checksumType(),
        v.partCount(),
        v.ownerTenant(),
        Timestamp.from(v.lastModified()));
    if (!v.parts().isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      for (ObjectVersion.ObjectPart p : v.parts()) {
        rows.add(new Object[] {v.id(), p.partNumber(), p.blobId(), p.offset(), p.size(), p.etag()});
      }
      jdbc.batchUpdate(
          "insert into object_part (object_id, part_number, blob_id, plain_offset, size, etag)"
              + " values (?, ?, ?, ?, ?, ?)",
          rows);
    }
  }

  void setLatest(UUID id, boolean latest) {
    jdbc.update("update object_version set is_latest = ? where id = ?", latest, id);
  }

  /** Deletes a version; returns the blobs its parts used. */
  List<UUID> delete(UUID id) {
    List<UUID> blobs =
        jdbc.query(
            "select blob_id from object_part where object_id = ?",
            (rs, n) -> rs.getObject(1, UUID.class),
            id);
    jdbc.update("delete from object_version where id = ?", id);
    return blobs;
  }

  void setTags(UUID id, Map<String, String> tags) {
    jdbc.update(
        "update object_version set tags = ?::jsonb where id = ?",
        json.writeValueAsString(tags),
        id);
  }

  /** Latest live versions (no delete markers) with the prefix, keys after {@code after}. */
  List<ObjectVersion> listLatest(String bucket, String prefix, String after, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from object_version where bucket = ? and is_latest and not delete_marker"
            + " and key > ? and key >= ? and starts_with(key, ?) order by key limit ?",
        this::version,
        bucket,
        after,
        prefix,
        prefix,
        limit);
  }

  /**
   * All versions with the prefix in S3's order (key ascending, newest first), starting after the
   * version {@code (afterKey, afterSeq)}; {@code afterSeq} null means after all versions of {@code
   * afterKey}.
   */
  List<VersionRow> listVersions(
      String bucket, String prefix, String afterKey, Long afterSeq, int limit) {
    String sql =
        "select "
            + COLUMNS
            + ", seq from object_version where bucket = ? and key >= ? and starts_with(key, ?) and "
            + (afterSeq == null ? "key > ?" : "(key > ? or (key = ? and seq < ?))")
            + " order by key, seq desc limit ?";
    Object[] args =
        afterSeq == null
            ? new Object[] {bucket, prefix, prefix, afterKey, limit}
            : new Object[] {bucket, prefix, prefix, afterKey, afterKey, afterSeq, limit};
    return jdbc.query(sql, (rs, n) -> new VersionRow(version(rs, n), rs.getLong("seq")), args);
  }

  Optional<Long> seqOf(String bucket, String key, String versionId) {
    return jdbc
        .query(
            "select seq from object_version where bucket = ? and key = ? and version_id = ?",
            (rs, n) -> rs.getLong(1),
            bucket,
            key,
            versionId)
        .stream()
        .findFirst();
  }

  /** Records a change of stored bytes; folded into {@code usage_counter} later (no hot row). */
  void addUsage(String tenantId, String bucket, long bytes, long objects) {
    jdbc.update(
        "insert into usage_delta (tenant_id, bucket, bytes, objects) values (?, ?, ?, ?)",
        tenantId,
        bucket,
        bytes,
        objects);
  }

  record VersionRow(ObjectVersion version, long seq) {}

  private ObjectVersion version(ResultSet rs, int row) throws SQLException {
    return new ObjectVersion(
        rs.getObject("id", UUID.class),
        rs.getString("bucket"),
        rs.getString("key"),
        rs.getString("version_id"),
        rs.getBoolean("is_latest"),
        rs.getBoolean("delete_marker"),
        rs.getLong("size"),
        rs.getString("etag"),
        rs.getString("content_type"),
        json.readValue(rs.getString("headers"), MAP),
        json.readValue(rs.getString("user_metadata"), MAP),
        json.readValue(rs.getString("tags"), MAP),
        rs.getString("checksum_algo"),
        rs.getString("checksum_value"),
        rs.getString("checksum_type"),
        (Integer) rs.getObject("part_count"),
        rs.getString("owner_tenant"),
        rs.getTimestamp("created_at").toInstant(),
        List.of());
  }
}
