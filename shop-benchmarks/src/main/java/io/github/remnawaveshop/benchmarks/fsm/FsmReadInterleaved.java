package io.github.remnawaveshop.benchmarks.fsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link FsmReadBenchmark} for a busy machine: the two operations run alternately
 * (ours, raw, ours, raw …) in one thread, each call timed with {@code System.nanoTime()}, so both
 * see the same background load; reported as percentiles of each and their ratio. Uses the JMH state
 * class's own setup, so it measures exactly the same calls.
 *
 * <p>Run: {@code java -cp shop-benchmarks/target/benchmarks.jar
 * io.github.remnawaveshop.benchmarks.fsm.FsmReadInterleaved [rounds] [output.json]}
 */
public final class FsmReadInterleaved {
  private FsmReadInterleaved() {}

  /**
   * Runs the comparison.
   *
   * @param args optional number of measured rounds (default 50,000) and output path
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    FsmReadBenchmark b = new FsmReadBenchmark();
    b.setUp();
    try {
      for (int i = 0; i < 20_000; i++) {
        b.fsmRead();
        b.rawHgetall();
      }
      long[] ours = new long[rounds];
      long[] raw = new long[rounds];
      int sink = 0;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        sink += b.fsmRead().data().size();
        long t1 = System.nanoTime();
        sink += b.rawHgetall().size();
        long t2 = System.nanoTime();
        ours[i] = t1 - t0;
        raw[i] = t2 - t1;
      }
      Arrays.sort(ours);
      Arrays.sort(raw);
      double[] ps = {0.10, 0.25, 0.50, 0.75, 0.90};
      StringBuilder json =
          new StringBuilder("{\n  \"rounds\": " + rounds + ",\n  \"percentiles\": [\n");
      System.out.printf(
          Locale.ROOT, "%-6s %12s %12s %7s%n", "pct", "fsmRead us", "rawHgetall us", "ratio");
      for (int i = 0; i < ps.length; i++) {
        double o = ours[(int) (ps[i] * (rounds - 1))] / 1000.0;
        double r = raw[(int) (ps[i] * (rounds - 1))] / 1000.0;
        System.out.printf(Locale.ROOT, "p%-5.0f %12.1f %12.1f %7.2f%n", ps[i] * 100, o, r, o / r);
        json.append(
            String.format(
                Locale.ROOT,
                "    {\"p\": %.2f, \"fsmReadUs\": %.1f, \"rawHgetallUs\": %.1f, \"ratio\": %.3f}%s%n",
                ps[i],
                o,
                r,
                o / r,
                i + 1 < ps.length ? "," : ""));
      }
      json.append("  ],\n  \"checksum\": ").append(sink).append("\n}\n");
      if (args.length > 1) {
        Files.writeString(Path.of(args[1]), json.toString(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      b.tearDown();
    }
  }
}
