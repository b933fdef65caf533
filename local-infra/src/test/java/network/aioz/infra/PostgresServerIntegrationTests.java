package network.aioz.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIntegrationTests {

  @TempDir Path dataDir;

  @Test
  void persistentDataDirectorySurvivesRestart() throws Exception {
    try (PostgresServer server = PostgresServer.builder().dataDir(dataDir).build().start()) {
      server.createDatabase("ledger");
      try (Connection connection = server.connect("ledger");
          Statement statement = connection.createStatement()) {
        statement.execute("create table entry (id int primary key)");
        statement.execute("insert into entry values (42)");
      }
      assertThat(server.pid()).isPositive();
    }
    try (PostgresServer server = PostgresServer.builder().dataDir(dataDir).build().start()) {
      server.createDatabase("ledger");
      try (Connection connection = server.connect("ledger");
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select id from entry")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void refusesDatabaseNamesThatWouldNeedQuoting() {
    PostgresServer server = PostgresServer.builder().build();
    assertThatThrownBy(() -> server.createDatabase("x; drop database postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
