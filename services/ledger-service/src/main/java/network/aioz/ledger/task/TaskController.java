package network.aioz.ledger.task;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.aioz.ledger.edge.EdgeAuthenticator;
import network.aioz.ledger.support.NodeAddress;
import network.aioz.ledger.support.StrictJson;
import network.aioz.shared.web.ApiProblem;
import network.aioz.shared.web.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The task API: placements and task requests from services (internal identity token with scope
 * {@value #WRITE}), the task lifecycle from edges (signed by the assigned node), and reads.
 */
@RestController
class TaskController {

  static final String WRITE = "ledger:write";

  private final TaskService service;
  private final CallerIdentity callers;
  private final EdgeAuthenticator edges;
  private final StrictJson json;

  TaskController(
      TaskService service, CallerIdentity callers, EdgeAuthenticator edges, StrictJson json) {
    this.service = service;
    this.callers = callers;
    this.edges = edges;
    this.json = json;
  }

  @PostMapping("/v1/placements")
  @ResponseStatus(HttpStatus.CREATED)
  TaskRequests.Placed place(
      HttpServletRequest request, @Valid @RequestBody TaskRequests.Placement placement) {
    callers.require(request, WRITE);
    return service.place(placement);
  }

  @PostMapping("/v1/tasks")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TaskRequests.TaskView request(
      HttpServletRequest request, @Valid @RequestBody TaskRequests.NewTask task) {
    callers.require(request, WRITE);
    return TaskRequests.TaskView.of(service.request(task));
  }

  @GetMapping("/v1/tasks/{id}")
  TaskRequests.TaskView task(@PathVariable String id) {
    return TaskRequests.TaskView.of(service.find(uuid(id)));
  }

  @GetMapping("/v1/edges/{address}/tasks")
  Map<String, List<?>> openTasks(@PathVariable String address, HttpServletRequest request) {
    String node = NodeAddress.canonical(address);
    requireSelf(node, edges.authenticate(request, new byte[0]));
    return Map.of(
        "tasks",
        service.openTasksOf(node).stream().map(TaskRequests.TaskView::of).toList(),
        "releases",
        service.releasesOf(node));
  }

  @PostMapping("/v1/tasks/{id}/release-ack")
  Map<String, String> acknowledgeRelease(
      @PathVariable String id,
      HttpServletRequest request,
      @RequestBody(required = false) byte[] body) {
    String node = edges.authenticate(request, body);
    service.acknowledgeRelease(uuid(id), node);
    return Map.of("taskId", id, "status", "RELEASED");
  }

  @PostMapping("/v1/tasks/{id}/start")
  TaskRequests.TaskView start(
      @PathVariable String id,
      HttpServletRequest request,
      @RequestBody(required = false) byte[] body) {
    String node = edges.authenticate(request, body);
    return TaskRequests.TaskView.of(service.start(uuid(id), node));
  }

  @PostMapping("/v1/tasks/{id}/submit")
  TaskRequests.TaskView submit(
      @PathVariable String id,
      HttpServletRequest request,
      @RequestBody(required = false) byte[] body) {
    String node = edges.authenticate(request, body);
    TaskRequests.Submission submission = json.read(body, TaskRequests.Submission.class);
    return TaskRequests.TaskView.of(
        service.submit(uuid(id), node, submission.resultDigest(), submission.units()));
  }

  @PostMapping("/v1/tasks/{id}/fail")
  TaskRequests.TaskView fail(
      @PathVariable String id,
      HttpServletRequest request,
      @RequestBody(required = false) byte[] body) {
    String node = edges.authenticate(request, body);
    TaskRequests.Failure failure = json.read(body, TaskRequests.Failure.class);
    return TaskRequests.TaskView.of(service.giveUp(uuid(id), node, failure.reason()));
  }

  private static void requireSelf(String address, String signer) {
    if (!signer.equalsIgnoreCase(address)) {
      throw ApiProblem.forbidden("a node may only read its own tasks");
    }
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'" + id + "' is not a task id");
    }
  }
}
