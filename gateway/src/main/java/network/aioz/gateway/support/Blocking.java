package network.aioz.gateway.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs JDBC calls on virtual threads, never on a Netty event loop; the connection pool bounds how
 * many run at once. A call runs to its end even when its request is cancelled (the client went
 * away): interrupting a virtual thread inside JDBC closes its socket, so the pool would lose the
 * connection, and a thread left interrupted fails every pooled connection it then validates.
 */
@Component
public class Blocking implements DisposableBean {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public <T> Mono<T> call(Callable<T> work) {
    return Mono.fromFuture(() -> start(work), true);
  }

  /** Runs {@code work} on a virtual thread without waiting for it. */
  public void run(Runnable work) {
    executor.execute(work);
  }

  private <T> CompletableFuture<T> start(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  @Override
  public void destroy() {
    executor.shutdown();
  }
}
