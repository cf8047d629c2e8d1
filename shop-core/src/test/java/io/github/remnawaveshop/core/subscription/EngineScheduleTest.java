package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's scheduling helper: a job's failure is logged with its stack trace and the next run
 * still happens, for an ordinary {@link Error} too; a {@link VirtualMachineError} is logged and
 * ends the schedule. The log is read from System.err, where the tests' slf4j-simple writes (it
 * looks the stream up per call).
 */
class EngineScheduleTest {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (captured) {
              captured.write(b);
            }
            originalErr.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (captured) {
              captured.write(b, off, len);
            }
            originalErr.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    executor.shutdownNow();
  }

  private String log() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void anAssertionErrorOrARuntimeExceptionIsLoggedWithItsStackTraceAndTheScheduleGoesOn()
      throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch threeRuns = new CountDownLatch(3);
    ScheduledFuture<?> schedule =
        SubscriptionEngine.every(
            executor,
            Duration.ofMillis(1),
            "sched-test",
            () -> {
              int n = runs.incrementAndGet();
              threeRuns.countDown();
              if (n == 1) {
                throw new AssertionError("assertion-marker");
              }
              if (n == 2) {
                throw new IllegalStateException("runtime-marker");
              }
            });
    assertThat(threeRuns.await(60, TimeUnit.SECONDS)).as("runs after the failures").isTrue();
    assertThat(schedule.isDone()).as("the schedule is still on").isFalse();
    schedule.cancel(false);
    String log = log();
    assertThat(log)
        .contains("Engine sched-test run failed with an error")
        .contains("java.lang.AssertionError: assertion-marker")
        .contains("java.lang.IllegalStateException: runtime-marker")
        .contains("\tat io.github.remnawaveshop.core.subscription.EngineScheduleTest");
  }

  @Test
  void aVirtualMachineErrorIsLoggedWithItsStackTraceAndEndsTheSchedule() {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> schedule =
        SubscriptionEngine.every(
            executor,
            Duration.ofMillis(1),
            "sched-vm",
            () -> {
              runs.incrementAndGet();
              throw new InternalError("vm-marker");
            });
    assertThatThrownBy(() -> schedule.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InternalError.class);
    assertThat(runs).hasValue(1);
    assertThat(log())
        .contains("Engine sched-vm run failed with java.lang.InternalError: vm-marker")
        .contains("so this schedule ends")
        .contains("\tat io.github.remnawaveshop.core.subscription.EngineScheduleTest");
  }
}
