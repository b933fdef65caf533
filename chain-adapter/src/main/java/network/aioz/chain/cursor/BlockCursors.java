package network.aioz.chain.cursor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import network.aioz.chain.node.ChainSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code chain_cursor} rows of the block readers (deposits, block fees): the next block each
 * reads, starting at {@code chain.logs.start-block}. A reader claims its range and moves the cursor
 * inside the database transaction that stores what it read, so a range is taken once even when two
 * turns race.
 */
@Component
public class BlockCursors {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final long startBlock;

  BlockCursors(JdbcTemplate jdbc, Clock clock, ChainSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.startBlock = settings.logs().startBlock();
  }

  /** The next block {@code name} reads. */
  public long next(String name) {
    return stored(name, "").orElse(startBlock);
  }

  /**
   * Locks the cursor for the caller's transaction; false when another turn moved it away from
   * {@code from} meanwhile (the caller then stores nothing and starts again from where it is).
   */
  public boolean claim(String name, long from) {
    // the first claim creates the row, so that it too has a row to lock
    jdbc.update(
        "insert into chain_cursor (name, next_block, updated_at) values (?, ?, ?)"
            + " on conflict (name) do nothing",
        name,
        startBlock,
        Timestamp.from(clock.instant()));
    return stored(name, " for update").orElseThrow() == from;
  }

  /** Moves the cursor to {@code next}, in the caller's transaction. */
  public void advance(String name, long next) {
    jdbc.update(
        "insert into chain_cursor (name, next_block, updated_at) values (?, ?, ?)"
            + " on conflict (name) do update set next_block = excluded.next_block,"
            + " updated_at = excluded.updated_at",
        name,
        next,
        Timestamp.from(clock.instant()));
  }

  private Optional<Long> stored(String name, String lock) {
    return jdbc
        .query(
            "select next_block from chain_cursor where name = ?" + lock,
            (rs, i) -> rs.getLong(1),
            name)
        .stream()
        .findFirst();
  }
}
