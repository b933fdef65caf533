package network.aioz.billing.supply;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import network.aioz.shared.event.KafkaCloudEvents;
import network.aioz.shared.event.MalformedEventException;
import network.aioz.shared.outbox.OutboxAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records the fees paid on chain per block, as the chain adapter reports them ({@code
 * network.aioz.chain.BlockFeesReported} on {@code chain.fees}): the {@code F_chain} of the supply
 * report. A block is recorded once whatever the redeliveries; a malformed report is logged and
 * skipped.
 */
@Component
class ChainFeesListener {

  static final String TOPIC = "chain.fees";
  static final String REPORTED = "network.aioz.chain.BlockFeesReported";

  /** The event's fields this consumer reads; {@code fees} in base units. */
  record BlockFeesReported(Long chainId, Long blockNumber, String blockTime, String fees) {}

  private final JdbcTemplate jdbc;

  ChainFeesListener(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = "billing-service.chain-fees",
      containerFactory = OutboxAutoConfiguration.LISTENER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = KafkaCloudEvents.fromRecord(record);
    if (!REPORTED.equals(event.getType())) {
      return;
    }
    BlockFeesReported report = KafkaCloudEvents.data(event, BlockFeesReported.class);
    String problem = validate(report);
    if (problem != null) {
      throw new MalformedEventException("fee report " + event.getId() + ": " + problem);
    }
    jdbc.update(
        "insert into chain_fee (chain_id, block_number, block_time, amount) values (?, ?, ?, ?)"
            + " on conflict do nothing",
        report.chainId(),
        report.blockNumber(),
        Timestamp.from(Instant.parse(report.blockTime())),
        new BigDecimal(new BigInteger(report.fees())));
  }

  private static String validate(BlockFeesReported r) {
    if (r == null || r.chainId() == null || r.blockNumber() == null || r.blockNumber() < 0) {
      return "chainId and a non-negative blockNumber are required";
    }
    try {
      Instant.parse(r.blockTime());
    } catch (RuntimeException e) {
      return "blockTime is not an ISO-8601 instant: " + r.blockTime();
    }
    if (r.fees() == null || !r.fees().matches("[0-9]{1,78}")) {
      return "fees must be a whole number of base units: " + r.fees();
    }
    return null;
  }
}
