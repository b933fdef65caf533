package network.aioz.chain.tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one adapter process the account's only writer: it holds a PostgreSQL session advisory lock
 * on a connection of its own, for as long as the connection lives. Another replica finds the lock
 * taken and stands by (consuming events, answering reads) until the holder goes away. Two writers
 * would sign different transactions with the same nonces.
 */
@Component
public class SingleWriter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SingleWriter.class);
  private static final String LOCK =
      "select pg_try_advisory_lock(hashtext('chain-adapter.writer'))";

  private final DataSource dataSource;
  private Connection connection;
  private boolean announcedStandby;

  SingleWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** True while this process holds the writer's lock; tries to take it when it does not. */
  public synchronized boolean holds() {
    try {
      if (connection != null && connection.isValid(2)) {
        return true;
      }
      release();
      Connection candidate = dataSource.getConnection();
      try (Statement statement = candidate.createStatement();
          ResultSet rs = statement.executeQuery(LOCK)) {
        rs.next();
        if (rs.getBoolean(1)) {
          connection = candidate;
          announcedStandby = false;
          log.info("this process is the chain writer");
          return true;
        }
      } finally {
        if (connection != candidate) {
          candidate.close(); // not kept: back to the pool, also when the query failed
        }
      }
      if (!announcedStandby) {
        log.info("another process is the chain writer; standing by");
        announcedStandby = true;
      }
      return false;
    } catch (SQLException e) {
      log.warn("cannot take the chain writer's lock: {}", e.getMessage());
      release();
      return false;
    }
  }

  /**
   * Runs one turn of chain-driven work if this process is the writer; a chain that cannot be asked
   * now (unreachable, another chain) only postpones it to the next turn.
   */
  public void turn(String what, Runnable work) {
    if (!holds()) {
      return;
    }
    try {
      work.run();
    } catch (network.aioz.chain.node.ChainUnavailableException
        | network.aioz.chain.node.WrongChainException e) {
      log.warn("{} wait for the chain: {}", what, e.getMessage());
    }
  }

  private void release() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the lock goes with the session
      }
      connection = null;
    }
  }

  @Override
  public synchronized void destroy() {
    release();
  }
}
