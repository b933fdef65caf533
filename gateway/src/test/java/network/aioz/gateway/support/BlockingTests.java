package network.aioz.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class BlockingTests {

  private final Blocking blocking = new Blocking();

  @AfterEach
  void stop() {
    blocking.destroy();
  }

  @Test
  void answersOnAVirtualThread() {
    assertThat(blocking.call(() -> Thread.currentThread().isVirtual()).block(Duration.ofSeconds(5)))
        .isTrue();
  }

  @Test
  void aFailureReachesTheCallerAsItself() {
    assertThatThrownBy(
            () ->
                blocking
                    .call(
                        () -> {
                          throw new SQLException("connection refused");
                        })
                    .block(Duration.ofSeconds(5)))
        .hasRootCauseInstanceOf(SQLException.class)
        .hasRootCauseMessage("connection refused");
  }

  @Test
  void aCancelledCallIsNotInterruptedAndRunsToItsEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Disposable caller =
        blocking
            .call(
                () -> {
                  started.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                  } finally {
                    finished.countDown();
                  }
                  return 1;
                })
            .subscribe();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    caller.dispose();
    Thread.sleep(100);
    release.countDown();
    assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).as("the JDBC call was interrupted").isFalse();
  }
}
