package network.aioz.gateway.support;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs JDBC calls on virtual threads, never on a Netty event loop; the connection pool bounds how
 * many run at once.
 */
@Component
public class Blocking implements DisposableBean {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Scheduler scheduler = Schedulers.fromExecutorService(executor, "gateway-jdbc");

  public <T> Mono<T> call(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(scheduler);
  }

  /** Runs {@code work} on a virtual thread without waiting for it. */
  public void run(Runnable work) {
    executor.execute(work);
  }

  @Override
  public void destroy() {
    scheduler.dispose();
    executor.shutdown();
  }
}
