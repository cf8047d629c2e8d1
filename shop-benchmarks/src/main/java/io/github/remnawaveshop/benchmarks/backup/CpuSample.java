package io.github.remnawaveshop.benchmarks.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time read off Linux's {@code /proc} at one instant: the whole machine's busy time, this JVM's
 * and that of its reaped child processes (the peer tools, once {@code waitFor} returned). Two
 * samples around a step tell where its CPU went: this JVM (our client side), the tools (the peer's
 * client side) and the rest of the machine, which on a quiet machine is the PostgreSQL server. On a
 * system without {@code /proc} every count is zero. Linux counts in ticks of 1/100 s ({@code
 * USER_HZ}).
 *
 * @param machine busy ticks of all cores (user, nice, system, irq, softirq, steal)
 * @param self this process's user and system ticks
 * @param children the user and system ticks of this process's waited-for children
 */
record CpuSample(long machine, long self, long children) {
  private static final double SECONDS_PER_TICK = 0.01;

  /** Reads the counters now. */
  static CpuSample now() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long machine = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system - - irq softirq steal
        machine += Long.parseLong(cpu[i]);
      }
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // the fields after "(comm) ", which may hold spaces: state is field 3, utime 14 ... cstime 17
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long self = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
      long children = Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
      return new CpuSample(machine, self, children);
    } catch (IOException | RuntimeException e) {
      return new CpuSample(0, 0, 0);
    }
  }

  /**
   * What the machine spent between {@code before} and this sample, for a step of {@code wall}: e.g.
   * {@code cpu 25.1 s = 1.40 cores: this JVM 14.2, tools 0.0, rest (server) 10.9}.
   */
  String since(CpuSample before, Duration wall) {
    double m = (machine - before.machine) * SECONDS_PER_TICK;
    double s = (self - before.self) * SECONDS_PER_TICK;
    double c = (children - before.children) * SECONDS_PER_TICK;
    double cores = wall.isZero() ? 0 : m / (wall.toMillis() / 1000.0);
    return String.format(
        "cpu %.1f s = %.2f cores: this JVM %.1f, tools %.1f, rest (server) %.1f",
        m, cores, s, c, Math.max(0, m - s - c));
  }
}
