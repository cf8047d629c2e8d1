package io.github.remnawaveshop.benchmarks.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of {@link StoreBenchmark} in which ours and the raw-JDBC peer take turns call by
 * call (ours then raw, then raw then ours, …) on the same pool and the same database: JMH runs each
 * method in its own fork, one after another, and between forks the raw peer itself moved by up to
 * 3.7× (its "my subscription" p50 went from 79 to 293 µs between two runs of one code), so a ratio
 * of two forks measures the run order as much as the store. Here both see the same buffers, the
 * same plan cache state and the same background at the same moment. Each call is timed with {@code
 * System.nanoTime()}; reported per query as percentiles of each contestant and their ratio. Uses
 * the JMH state class's own setup and calls, so it measures exactly what the benchmark measures.
 *
 * <p>Run through {@link StoreBenchmarkMain} with {@code -Dshop.bench.store.interleaved=out.json}
 * (and {@code -Dshop.bench.store.jmh=false} to skip JMH).
 */
public final class StoreInterleaved {
  private static final int WARMUP_ROUNDS = 5_000;
  private static final int POINT_ROUNDS = 40_000;
  private static final int PAGE_ROUNDS = 2_000;
  private static final double[] PERCENTILES = {0.50, 0.90, 0.99, 0.999};

  private StoreInterleaved() {}

  @FunctionalInterface
  private interface Call {
    void run() throws SQLException;
  }

  private record Pair(String query, int rounds, Call ours, Call raw) {}

  /**
   * Runs every query pair on the seeded database at {@code url} and writes the JSON to {@code out}.
   *
   * @param url JDBC URL of a database seeded by {@link StoreSeed} with {@code users} users
   * @param users the seed's size
   * @param out the JSON result's path
   * @throws SQLException when a query fails
   * @throws IOException when the result cannot be written
   */
  static void run(String url, int users, Path out) throws SQLException, IOException {
    System.setProperty(StoreBenchmark.URL_PROPERTY, url);
    System.setProperty(StoreSeed.USERS_PROPERTY, Integer.toString(users));
    StoreBenchmark b = new StoreBenchmark();
    b.setUp();
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    try {
      List<Pair> pairs =
          List.of(
              new Pair(
                  "activeSubscription",
                  POINT_ROUNDS,
                  () -> bh.consume(b.activeSubscriptionStore()),
                  () -> b.activeSubscriptionJdbc(bh)),
              new Pair(
                  "mySubscription",
                  POINT_ROUNDS,
                  () -> bh.consume(b.mySubscriptionStore()),
                  () -> b.mySubscriptionJdbc(bh)),
              new Pair(
                  "paymentByExternalId",
                  POINT_ROUNDS,
                  () -> bh.consume(b.paymentByExternalIdStore()),
                  () -> b.paymentByExternalIdJdbc(bh)),
              new Pair(
                  "promoByCode",
                  POINT_ROUNDS,
                  () -> bh.consume(b.promoByCodeStore()),
                  () -> b.promoByCodeJdbc(bh)),
              new Pair(
                  "expiringPage",
                  PAGE_ROUNDS,
                  () -> bh.consume(b.expiringPageStore()),
                  () -> b.expiringPageJdbc(bh)));
      StringBuilder json =
          new StringBuilder("{\n  \"users\": ").append(users).append(",\n  \"results\": [\n");
      System.out.printf(
          Locale.ROOT,
          "%-20s %-5s %9s %9s %9s %9s %9s%n",
          "query",
          "who",
          "mean us",
          "p50 us",
          "p90 us",
          "p99 us",
          "p99.9 us");
      for (int q = 0; q < pairs.size(); q++) {
        Pair pair = pairs.get(q);
        long[] ours = new long[pair.rounds()];
        long[] raw = new long[pair.rounds()];
        int warmup = Math.min(WARMUP_ROUNDS, pair.rounds());
        alternate(pair, warmup, new long[warmup], new long[warmup]);
        alternate(pair, pair.rounds(), ours, raw);
        double[] o = stats(ours);
        double[] r = stats(raw);
        print(pair.query(), "ours", o);
        print(pair.query(), "raw", r);
        System.out.printf(
            Locale.ROOT,
            "%-20s ratio %9.2f %9.2f %9.2f %9.2f %9.2f%n",
            pair.query(),
            o[0] / r[0],
            o[1] / r[1],
            o[2] / r[2],
            o[3] / r[3],
            o[4] / r[4]);
        json.append(
            String.format(
                Locale.ROOT,
                "    {\"query\": \"%s\", \"rounds\": %d, \"ours\": %s, \"raw\": %s}%s%n",
                pair.query(),
                pair.rounds(),
                statsJson(o),
                statsJson(r),
                q + 1 < pairs.size() ? "," : ""));
      }
      json.append("  ]\n}\n");
      Files.writeString(out, json.toString(), StandardCharsets.UTF_8);
    } finally {
      b.tearDown();
    }
  }

  /**
   * Rounds alternate the order (ours first, then raw first) so neither always follows the other.
   */
  private static void alternate(Pair pair, int rounds, long[] ours, long[] raw)
      throws SQLException {
    for (int i = 0; i < rounds; i++) {
      if ((i & 1) == 0) {
        ours[i] = time(pair.ours());
        raw[i] = time(pair.raw());
      } else {
        raw[i] = time(pair.raw());
        ours[i] = time(pair.ours());
      }
    }
  }

  private static long time(Call call) throws SQLException {
    long t0 = System.nanoTime();
    call.run();
    return System.nanoTime() - t0;
  }

  /** Mean, then the {@link #PERCENTILES}, in microseconds. */
  private static double[] stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double[] s = new double[1 + PERCENTILES.length];
    s[0] = Arrays.stream(sorted).average().orElse(0) / 1000.0;
    for (int i = 0; i < PERCENTILES.length; i++) {
      s[i + 1] = sorted[(int) Math.round(PERCENTILES[i] * (sorted.length - 1))] / 1000.0;
    }
    return s;
  }

  private static String statsJson(double[] s) {
    return String.format(
        Locale.ROOT,
        "{\"meanUs\": %.1f, \"p50Us\": %.1f, \"p90Us\": %.1f, \"p99Us\": %.1f, \"p999Us\": %.1f}",
        s[0],
        s[1],
        s[2],
        s[3],
        s[4]);
  }

  private static void print(String query, String who, double[] s) {
    System.out.printf(
        Locale.ROOT,
        "%-20s %-5s %9.1f %9.1f %9.1f %9.1f %9.1f%n",
        query,
        who,
        s[0],
        s[1],
        s[2],
        s[3],
        s[4]);
  }
}
