package network.aioz.edge.ledger;

import java.util.List;

/**
 * Body of {@code GET /v1/edges/{address}/tasks}: the node's open tasks, and released pieces it
 * should drop and acknowledge.
 */
public record TaskList(List<Task> tasks, List<Release> releases) {

  /**
   * A store task whose piece the platform no longer wants from this task; {@code keepPiece} when
   * another live task of this node holds the same bytes.
   */
  public record Release(String taskId, String contentDigest, boolean keepPiece) {}

  public List<Task> tasksOrEmpty() {
    return tasks == null ? List.of() : tasks;
  }

  public List<Release> releasesOrEmpty() {
    return releases == null ? List.of() : releases;
  }
}
