package network.aioz.storage.bucket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class BucketRepository {

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private final JdbcTemplate jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  BucketRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a bucket; false when the name is taken. */
  boolean insert(Bucket b) {
    int inserted =
        jdbc.update(
            "insert into bucket (name, tenant_id, region, redundancy, proof_priority, versioning,"
                + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (name) do nothing",
            b.name(),
            b.tenantId(),
            b.region(),
            b.redundancy(),
            b.proofPriority(),
            b.versioning(),
            Timestamp.from(b.createdAt()));
    if (inserted == 0) {
      return false;
    }
    jdbc.update(
        "insert into usage_counter (tenant_id, bucket) values (?, ?) on conflict do nothing",
        b.tenantId(),
        b.name());
    return true;
  }

  Optional<Bucket> find(String name) {
    return jdbc.query("select * from bucket where name = ?", this::bucket, name).stream()
        .findFirst();
  }

  Optional<Bucket> findForUpdate(String name) {
    return jdbc.query("select * from bucket where name = ? for update", this::bucket, name).stream()
        .findFirst();
  }

  List<Bucket> ofTenant(String tenantId) {
    return jdbc.query(
        "select * from bucket where tenant_id = ? order by name", this::bucket, tenantId);
  }

  boolean hasObjects(String name) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from object_version where bucket = ?)", Boolean.class, name));
  }

  void delete(String name) {
    jdbc.update("delete from multipart_upload where bucket = ?", name);
    jdbc.update("delete from usage_counter where bucket = ?", name);
    jdbc.update("delete from usage_delta where bucket = ?", name);
    jdbc.update("delete from bucket where name = ?", name);
  }

  void setVersioning(String name, String status) {
    jdbc.update("update bucket set versioning = ? where name = ?", status, name);
  }

  void setCors(String name, String corsXml) {
    jdbc.update(
        "update bucket set cors = ?::jsonb where name = ?",
        corsXml == null ? null : json.writeValueAsString(corsXml),
        name);
  }

  void setTags(String name, Map<String, String> tags) {
    jdbc.update(
        "update bucket set tags = ?::jsonb where name = ?",
        tags == null ? null : json.writeValueAsString(tags),
        name);
  }

  private Bucket bucket(ResultSet rs, int row) throws SQLException {
    String cors = rs.getString("cors");
    String tags = rs.getString("tags");
    return new Bucket(
        rs.getString("name"),
        rs.getString("tenant_id"),
        rs.getString("region"),
        rs.getString("redundancy"),
        rs.getString("proof_priority"),
        rs.getString("versioning"),
        cors == null ? null : json.readValue(cors, String.class),
        tags == null ? null : json.readValue(tags, MAP),
        rs.getTimestamp("created_at").toInstant());
  }
}
