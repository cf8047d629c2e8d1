package io.github.remnawaveshop.core.ops;

import static io.github.remnawaveshop.core.ops.LifecycleComponents.recording;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: what the lifecycle owns and what it touches. Resources are closed in reverse order of
 * registration whether or not {@code start()} ran, after every component has stopped; and {@code
 * start()} leaves the process's signal handlers alone until {@code installSignalHandlers()} is
 * called.
 */
class ShopLifecycleResourcesTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void closeWithoutStartStillClosesEveryResourceInReverseOrderOfRegistration() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(recording("poller", events))
            .resource("pool", () -> events.add("close pool"))
            .resource("redis", () -> events.add("close redis"))
            .resource("panel", () -> events.add("close panel"))
            .build();
    lifecycle.close();
    assertThat(events).containsExactly("close panel", "close redis", "close pool");
    lifecycle.close();
    assertThat(events).hasSize(3);
  }

  @Test
  void componentsAllStopBeforeTheFirstResourceClosesWhateverTheOrderTheyWereAddedIn() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .resource("pool", () -> events.add("close pool"))
            .component(recording("engine", events))
            .resource("http", () -> events.add("close http"))
            .component(recording("poller", events))
            .build();
    lifecycle.start();
    lifecycle.close();
    assertThat(events)
        .containsExactly(
            "start engine",
            "start poller",
            "stop poller",
            "stop engine",
            "close http",
            "close pool");
  }

  /**
   * A child JVM that starts a lifecycle without {@code installSignalHandlers()} and gets SIGTERM:
   * the JVM's own handler is still in place, so the process exits with the signal's code (128 +
   * 15), and the shutdown hook that {@code start()} adds still shuts down gracefully (the resource
   * is closed). With the handlers installed the same signal exits 0 ({@link SignalShutdownTest}).
   */
  @Test
  void startLeavesSignalHandlersAloneUntilInstallSignalHandlersIsCalled() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                NoSignalHandlersDemoMain.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("READY")) {
          child.toHandle().destroy(); // SIGTERM on POSIX
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(child.exitValue()).as("exit code; output %s", lines).isEqualTo(128 + 15);
    assertThat(lines).contains("READY", "CLOSED pool");
  }
}
