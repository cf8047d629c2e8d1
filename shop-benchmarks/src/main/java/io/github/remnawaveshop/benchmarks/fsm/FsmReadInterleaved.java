package io.github.remnawaveshop.benchmarks.fsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link FsmReadBenchmark}: ours, the raw {@code HGETALL} and the same script sent
 * raw run in turn (the order rotating each round) in one thread, each call timed with {@code
 * System.nanoTime()}, so all see the same moment of the machine; reported as percentiles of each
 * and ours' ratio to both peers. The ratio to the raw script separates this SDK's client work
 * (encoding, decoding five typed fields) from what the aiogram-compatible two-key layout costs in
 * Redis. Uses the JMH state class's own setup, so it measures exactly the same calls.
 *
 * <p>Run: {@code java -cp shop-benchmarks/target/benchmarks.jar
 * io.github.remnawaveshop.benchmarks.fsm.FsmReadInterleaved [rounds] [output.json]}
 */
public final class FsmReadInterleaved {
  private FsmReadInterleaved() {}

  /**
   * Runs {@code rounds} rounds; each calls the three contestants once, in an order that rotates
   * from round to round (ours, raw, script; raw, script, ours; …), so none always follows another.
   * Returns a checksum of the answers so none is optimised away.
   */
  private static int run(FsmReadBenchmark b, int rounds, long[][] times) {
    int sink = 0;
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 3; k++) {
        int who = (i + k) % 3;
        long t0 = System.nanoTime();
        sink +=
            switch (who) {
              case 0 -> b.fsmRead().data().size();
              case 1 -> b.rawHgetall().size();
              default -> b.rawScript().size();
            };
        times[who][i] = System.nanoTime() - t0;
      }
    }
    return sink;
  }

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
      long[][] times = new long[3][rounds];
      int sink = run(b, 20_000, new long[3][20_000]);
      sink += run(b, rounds, times);
      long[] ours = times[0];
      long[] raw = times[1];
      long[] script = times[2];
      Arrays.sort(ours);
      Arrays.sort(raw);
      Arrays.sort(script);
      double[] ps = {0.10, 0.25, 0.50, 0.75, 0.90, 0.99};
      StringBuilder json =
          new StringBuilder("{\n  \"rounds\": " + rounds + ",\n  \"percentiles\": [\n");
      System.out.printf(
          Locale.ROOT,
          "%-6s %12s %13s %13s %7s %9s%n",
          "pct",
          "fsmRead us",
          "rawHgetall us",
          "rawScript us",
          "ratio",
          "vs script");
      for (int i = 0; i < ps.length; i++) {
        int at = (int) (ps[i] * (rounds - 1));
        double o = ours[at] / 1000.0;
        double r = raw[at] / 1000.0;
        double sc = script[at] / 1000.0;
        System.out.printf(
            Locale.ROOT,
            "p%-5.0f %12.1f %13.1f %13.1f %7.2f %9.2f%n",
            ps[i] * 100,
            o,
            r,
            sc,
            o / r,
            o / sc);
        json.append(
            String.format(
                Locale.ROOT,
                "    {\"p\": %.2f, \"fsmReadUs\": %.1f, \"rawHgetallUs\": %.1f, \"rawScriptUs\": %.1f,"
                    + " \"ratio\": %.3f, \"ratioToScript\": %.3f}%s%n",
                ps[i],
                o,
                r,
                sc,
                o / r,
                o / sc,
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
