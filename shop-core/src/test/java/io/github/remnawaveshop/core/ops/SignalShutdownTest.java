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

/** SIGTERM to a child JVM running 100 tracked tasks: the ones that can finish do, the rest are reported. */
class SignalShutdownTest {

  @Test
  void sigtermLetsTasksFinishWithinTheDeadlineAndExitsCleanly() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ShutdownDemoMain.class.getName(), "90", "10")
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("READY")) {
          child.toHandle().destroy(); // SIGTERM on POSIX; Process.destroy() would also close our pipe
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(lines).contains("READY").doesNotContain("NO-SIGNALS");
    assertThat(child.exitValue()).as("exit code; output %s", lines).isZero();
    assertThat(lines).contains("FINISHED 90", "COMPLETED 90", "CANCELLED 10", "CLOSED pool");
    assertThat(lines).anyMatch(l -> l.contains("cancelled 10 task(s)") && l.contains("stuck-"));
  }
}
