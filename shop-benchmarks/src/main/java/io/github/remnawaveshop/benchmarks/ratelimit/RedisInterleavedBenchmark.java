package io.github.remnawaveshop.benchmarks.ratelimit;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The same contestants as {@link RedisLimiterBenchmark}, interleaved: each operation is one call of
 * each (ours, ours without remembered refusals, Bucket4j, EVALSHA return 1, PING) in a rotating
 * order, and auxiliary counters add up each one's nanoseconds. Load from other processes then falls
 * on all five alike, which matters on a shared 2-core machine where back-to-back time slots see
 * different load. Mean latency of X = {@code xNanos / calls}; the trial also prints each one's
 * median and 90th percentile.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class RedisInterleavedBenchmark {
  @Param({"1024", "262144"})
  int keys;

  RedisPeers peers;

  @Setup(Level.Trial)
  public void setUp() {
    peers = new RedisPeers(keys);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    peers.close();
  }

  /** Per-iteration sums of nanoseconds spent in each contestant. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long calls;
    public long oursNanos;
    public long bucket4jNanos;
    public long evalshaNanos;
    public long pingNanos;
    public long oursRoundTripNanos;

    private static final int MAX_SAMPLES = 500_000;
    private static final String[] NAMES = {
      "ours", "bucket4jLettuce", "rawEvalshaReturn1", "rawPing", "oursRoundTrip"
    };
    private final long[][] samples = new long[NAMES.length][MAX_SAMPLES];
    private int sampled;
    private boolean measuring;

    @Setup(Level.Iteration)
    public void reset(IterationParams params) {
      calls = 0;
      oursNanos = 0;
      bucket4jNanos = 0;
      evalshaNanos = 0;
      pingNanos = 0;
      oursRoundTripNanos = 0;
      measuring = params.getType() == IterationType.MEASUREMENT;
    }

    void sample(int which, long nanos) {
      if (measuring && sampled < MAX_SAMPLES) {
        samples[which][sampled] = nanos;
      }
    }

    void endOfCall() {
      if (measuring && sampled < MAX_SAMPLES) {
        sampled++;
      }
    }

    /**
     * Prints each contestant's median and 90th percentile over the measurement iterations: on a
     * loaded machine a few descheduled calls of many milliseconds dominate the means, not the
     * median.
     */
    @TearDown(Level.Trial)
    public void report() {
      long[] medians = new long[NAMES.length];
      StringBuilder out =
          new StringBuilder("\n[ratelimit] per-call latency over ")
              .append(sampled)
              .append(" interleaved rounds:");
      for (int i = 0; i < NAMES.length; i++) {
        long[] sorted = Arrays.copyOf(samples[i], sampled);
        Arrays.sort(sorted);
        medians[i] = sampled == 0 ? 0 : sorted[sampled / 2];
        long p90 = sampled == 0 ? 0 : sorted[(int) (sampled * 0.9)];
        out.append(
            String.format(
                Locale.ROOT,
                "%n[ratelimit]   %-18s median %7.1f us, p90 %7.1f us",
                NAMES[i],
                medians[i] / 1000.0,
                p90 / 1000.0));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%n[ratelimit]   median ratio ours / rawEvalshaReturn1 = %.3f, ours / rawPing = %.3f,"
                  + " oursRoundTrip / rawEvalshaReturn1 = %.3f",
              medians[0] / (double) Math.max(1, medians[2]),
              medians[0] / (double) Math.max(1, medians[3]),
              medians[4] / (double) Math.max(1, medians[2])));
      System.out.println(out);
    }
  }

  /** One call of each contestant; the order rotates so none always follows another. */
  @Benchmark
  public void all(Nanos nanos, Blackhole bh) {
    int first = (int) (nanos.calls % 5);
    for (int k = 0; k < 5; k++) {
      int which = (first + k) % 5;
      long t0 = System.nanoTime();
      long took;
      switch (which) {
        case 0:
          bh.consume(peers.ours());
          took = System.nanoTime() - t0;
          nanos.oursNanos += took;
          break;
        case 1:
          bh.consume(peers.bucket4j());
          took = System.nanoTime() - t0;
          nanos.bucket4jNanos += took;
          break;
        case 2:
          bh.consume(peers.evalshaReturn1());
          took = System.nanoTime() - t0;
          nanos.evalshaNanos += took;
          break;
        case 3:
          bh.consume(peers.ping());
          took = System.nanoTime() - t0;
          nanos.pingNanos += took;
          break;
        default:
          bh.consume(peers.oursRoundTrip());
          took = System.nanoTime() - t0;
          nanos.oursRoundTripNanos += took;
          break;
      }
      nanos.sample(which, took);
    }
    nanos.endOfCall();
    nanos.calls++;
  }
}
