package io.github.remnawaveshop.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a child JVM running 100 tracked tasks: the ones that can finish do, the rest are
 * reported.
 */
class SignalShutdownTest {

  @Test
  void sigtermLetsTasksFinishWithinTheDeadlineAndExitsCleanly() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ShutdownDemoMain.class.getName(),
                "90",
                "10")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("READY")) {
          child
              .toHandle()
              .destroy(); // SIGTERM on POSIX; Process.destroy() would also close our pipe
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(lines).contains("READY").doesNotContain("NO-SIGNALS");
    assertThat(child.exitValue()).as("exit code; output %s", lines).isZero();
    assertThat(lines).contains("FINISHED 90", "COMPLETED 90", "CANCELLED 10", "CLOSED pool");
    assertThat(lines).anyMatch(l -> l.contains("cancelled 10 task(s)") && l.contains("stuck-"));
  }

  /**
   * Issue 16 item 10: a SIGTERM during {@code start()} stops what started, even the one still
   * starting.
   */
  @Test
  void sigtermDuringStartStopsTheComponentStillStartingAndStartsNoMore() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                StartupSignalDemoMain.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("STARTING slow")) {
          child.toHandle().destroy(); // SIGTERM while slow's start() runs
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(child.exitValue()).as("exit code; output %s", lines).isZero();
    assertThat(lines)
        .as("output")
        .doesNotContain("NO-SIGNALS", "STARTED late", "START RETURNED")
        .contains(
            "STARTED store",
            "STARTED slow",
            "STOPPED slow",
            "STOPPED store",
            "CLOSED pool",
            "STOP FAILURES 0")
        .anyMatch(l -> l.startsWith("START REFUSED") && l.contains("late"));
    assertThat(lines.indexOf("STOPPED slow")).isLessThan(lines.indexOf("STOPPED store"));
    assertThat(lines.indexOf("STOPPED store")).isLessThan(lines.indexOf("CLOSED pool"));
  }
}
