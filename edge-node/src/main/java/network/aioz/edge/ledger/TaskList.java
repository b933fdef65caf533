package network.aioz.edge.ledger;

import java.util.List;

/** Body of {@code GET /v1/edges/{address}/tasks}. */
record TaskList(List<Task> tasks) {}
