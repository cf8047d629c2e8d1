package io.github.remnawaveshop.benchmarks.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cross-check of {@link ApplyPaymentBenchmark} that both contestants see the same database at the
 * same moment: ours and the raw-JDBC peer take turns in short phases (ABBA within each round, so a
 * drift of the database — growth, checkpoints, autovacuum — falls on both alike), with the same
 * threads and the same prepared orders. JMH runs the four methods one after another, minutes apart,
 * on a database that grows between them; this harness does not.
 *
 * <p>Each round creates the benchmark's orders (not timed), then runs four phases of {@code phase}
 * payments each, shared by the threads; a phase's wall time counts for its contestant. Payments per
 * second = payments / summed phase time; the percentiles are of single calls. Uses the JMH state
 * class's own setup and calls, so it measures exactly what the benchmark measures.
 *
 * <p>Run: {@code java -cp shop-benchmarks/target/benchmarks.jar
 * io.github.remnawaveshop.benchmarks.engine.ApplyPaymentInterleaved [rounds] [phase] [out.json]}
 */
public final class ApplyPaymentInterleaved {
  private ApplyPaymentInterleaved() {}

  /** One contestant's measurements at one thread count. */
  private static final class Tally {
    long payments;
    long nanos;
    final List<long[]> samples = new ArrayList<>();

    double perSecond() {
      return payments / (nanos / 1e9);
    }

    long[] sorted() {
      long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
      Arrays.sort(all);
      return all;
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws SQLException;
  }

  /**
   * Runs the comparison.
   *
   * @param args optional rounds per thread count (default 12), payments per phase (default 400) and
   *     output path
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int phase = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    if (4 * phase > ApplyPaymentBenchmark.ORDERS_PER_ITERATION) {
      throw new IllegalArgumentException(
          "phase must be at most "
              + ApplyPaymentBenchmark.ORDERS_PER_ITERATION / 4
              + " but was "
              + phase);
    }
    ApplyPaymentBenchmark b = new ApplyPaymentBenchmark();
    b.setUp();
    StringBuilder json = new StringBuilder("{\n  \"rounds\": " + rounds);
    json.append(",\n  \"phase\": ").append(phase).append(",\n  \"results\": [\n");
    System.out.printf(
        Locale.ROOT,
        "%-8s %-6s %10s %9s %9s %9s%n",
        "threads",
        "who",
        "payments/s",
        "p50 ms",
        "p99 ms",
        "p99.9 ms");
    try {
      int[] threadCounts = {1, 2};
      for (int t = 0; t < threadCounts.length; t++) {
        int threads = threadCounts[t];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          Tally ours = new Tally();
          Tally raw = new Tally();
          Call oursCall = () -> b.engineApplyPayment1Thread();
          Call rawCall = () -> b.rawJdbcPeer1Thread();
          // two rounds of warm-up (JIT, prepared statements, caches), then the measured rounds
          for (int r = 0; r < rounds + 2; r++) {
            b.createOrders();
            boolean measured = r >= 2;
            runPhase(pool, threads, phase, oursCall, measured ? ours : null);
            runPhase(pool, threads, phase, rawCall, measured ? raw : null);
            runPhase(pool, threads, phase, rawCall, measured ? raw : null);
            runPhase(pool, threads, phase, oursCall, measured ? ours : null);
          }
          String[] names = {"ours", "raw"};
          Tally[] tallies = {ours, raw};
          for (int i = 0; i < 2; i++) {
            long[] s = tallies[i].sorted();
            double p50 = pct(s, 0.50);
            double p99 = pct(s, 0.99);
            double p999 = pct(s, 0.999);
            System.out.printf(
                Locale.ROOT,
                "%-8d %-6s %10.0f %9.3f %9.3f %9.3f%n",
                threads,
                names[i],
                tallies[i].perSecond(),
                p50,
                p99,
                p999);
            json.append(
                String.format(
                    Locale.ROOT,
                    "    {\"threads\": %d, \"who\": \"%s\", \"payments\": %d, \"perSecond\": %.1f,"
                        + " \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"p999Ms\": %.3f},%n",
                    threads,
                    names[i],
                    tallies[i].payments,
                    tallies[i].perSecond(),
                    p50,
                    p99,
                    p999));
          }
          double ratio = ours.perSecond() / raw.perSecond();
          System.out.printf(Locale.ROOT, "%-8d ratio  %10.2f%n", threads, ratio);
          json.append(
              String.format(
                  Locale.ROOT,
                  "    {\"threads\": %d, \"who\": \"ratio\", \"ratio\": %.3f}%s%n",
                  threads,
                  ratio,
                  t + 1 < threadCounts.length ? "," : ""));
        } finally {
          pool.shutdownNow();
        }
      }
      json.append("  ]\n}\n");
      if (args.length > 2) {
        Files.writeString(Path.of(args[2]), json.toString(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      b.tearDown();
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) (p * (sorted.length - 1))] / 1e6;
  }

  /** Runs {@code payments} calls on {@code threads} threads; counts them in the tally if given. */
  private static void runPhase(
      ExecutorService pool, int threads, int payments, Call call, Tally tally)
      throws InterruptedException, ExecutionException {
    AtomicInteger left = new AtomicInteger(payments);
    List<Future<long[]>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      done.add(
          pool.submit(
              () -> {
                long[] took = new long[payments];
                int n = 0;
                while (left.getAndDecrement() > 0) {
                  long t0 = System.nanoTime();
                  call.run();
                  took[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(took, n);
              }));
    }
    List<long[]> samples = new ArrayList<>();
    for (Future<long[]> f : done) {
      samples.add(f.get());
    }
    long nanos = System.nanoTime() - start;
    if (tally != null) {
      tally.payments += payments;
      tally.nanos += nanos;
      tally.samples.addAll(samples);
    }
  }
}
