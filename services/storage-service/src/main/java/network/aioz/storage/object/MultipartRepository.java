package network.aioz.storage.object;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class MultipartRepository {

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private final JdbcTemplate jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  MultipartRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(MultipartUpload u) {
    jdbc.update(
        """
        insert into multipart_upload (upload_id, bucket, key, tenant_id, content_type, headers,
            user_metadata, tags, checksum_algo, sse_key_md5, initiated_at)
        values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)
        """,
        u.uploadId(),
        u.bucket(),
        u.key(),
        u.tenantId(),
        u.contentType(),
        json.writeValueAsString(u.headers()),
        json.writeValueAsString(u.userMetadata()),
        json.writeValueAsString(u.tags()),
        u.checksumAlgorithm(),
        u.sseKeyMd5(),
        Timestamp.from(u.initiated()));
  }

  Optional<MultipartUpload> find(String uploadId, boolean lock) {
    return jdbc
        .query(
            "select * from multipart_upload where upload_id = ?" + (lock ? " for update" : ""),
            this::upload,
            uploadId)
        .stream()
        .findFirst();
  }

  /** Records a part; returns the blob of the part it replaces, if any. */
  Optional<UUID> putPart(String uploadId, UploadedPart part) {
    List<UUID> previous =
        jdbc.query(
            "select blob_id from upload_part where upload_id = ? and part_number = ? for update",
            (rs, n) -> rs.getObject(1, UUID.class),
            uploadId,
            part.partNumber());
    jdbc.update(
        """
        insert into upload_part (upload_id, part_number, blob_id, size, etag, checksum, uploaded_at)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (upload_id, part_number) do update set blob_id = excluded.blob_id,
            size = excluded.size, etag = excluded.etag, checksum = excluded.checksum,
            uploaded_at = excluded.uploaded_at
        """,
        uploadId,
        part.partNumber(),
        part.blobId(),
        part.size(),
        part.etag(),
        part.checksum(),
        Timestamp.from(part.uploaded()));
    return previous.stream().findFirst();
  }

  List<UploadedPart> parts(String uploadId, int afterPart, int limit) {
    return jdbc.query(
        "select * from upload_part where upload_id = ? and part_number > ? order by part_number limit ?",
        MultipartRepository::part,
        uploadId,
        afterPart,
        limit);
  }

  List<UploadedPart> allParts(String uploadId) {
    return parts(uploadId, 0, 10001);
  }

  void delete(String uploadId) {
    jdbc.update("delete from multipart_upload where upload_id = ?", uploadId);
  }

  /** Uploads of a bucket in (key, initiation) order after the markers. */
  List<MultipartUpload> list(
      String bucket,
      String prefix,
      String keyMarker,
      Instant afterInitiated,
      String afterId,
      int limit) {
    return jdbc.query(
        """
        select * from multipart_upload where bucket = ? and key >= ? and starts_with(key, ?)
          and (key > ? or (key = ? and (initiated_at, upload_id) > (?, ?)))
        order by key, initiated_at, upload_id limit ?
        """,
        this::upload,
        bucket,
        prefix,
        prefix,
        keyMarker,
        keyMarker,
        Timestamp.from(afterInitiated),
        afterId,
        limit);
  }

  private MultipartUpload upload(ResultSet rs, int row) throws SQLException {
    return new MultipartUpload(
        rs.getString("upload_id"),
        rs.getString("bucket"),
        rs.getString("key"),
        rs.getString("tenant_id"),
        rs.getString("content_type"),
        json.readValue(rs.getString("headers"), MAP),
        json.readValue(rs.getString("user_metadata"), MAP),
        json.readValue(rs.getString("tags"), MAP),
        rs.getString("checksum_algo"),
        rs.getString("sse_key_md5"),
        rs.getTimestamp("initiated_at").toInstant());
  }

  private static UploadedPart part(ResultSet rs, int row) throws SQLException {
    return new UploadedPart(
        rs.getInt("part_number"),
        rs.getObject("blob_id", UUID.class),
        rs.getLong("size"),
        rs.getString("etag"),
        rs.getString("checksum"),
        rs.getTimestamp("uploaded_at").toInstant());
  }
}
