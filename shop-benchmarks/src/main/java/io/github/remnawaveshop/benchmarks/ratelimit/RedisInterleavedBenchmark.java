package io.github.remnawaveshop.benchmarks.ratelimit;

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

/**
 * The same contestants as {@link RedisLimiterBenchmark}, interleaved: each operation is one call of
 * each (ours, Bucket4j, EVALSHA return 1, PING) in a rotating order, and auxiliary counters add up each one's
 * nanoseconds. Load from other processes then falls on all four alike, which matters on a shared
 * 2-core machine where back-to-back time slots see different load. Mean latency of X = {@code
 * xNanos / calls}.
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

    @Setup(Level.Iteration)
    public void reset() {
      calls = 0;
      oursNanos = 0;
      bucket4jNanos = 0;
      evalshaNanos = 0;
      pingNanos = 0;
    }
  }

  /** One call of each contestant; the order rotates so none always follows another. */
  @Benchmark
  public void all(Nanos nanos, Blackhole bh) {
    int first = (int) (nanos.calls & 3);
    for (int k = 0; k < 4; k++) {
      int which = (first + k) & 3;
      long t0 = System.nanoTime();
      switch (which) {
        case 0:
          bh.consume(peers.ours());
          nanos.oursNanos += System.nanoTime() - t0;
          break;
        case 1:
          bh.consume(peers.bucket4j());
          nanos.bucket4jNanos += System.nanoTime() - t0;
          break;
        case 2:
          bh.consume(peers.evalshaReturn1());
          nanos.evalshaNanos += System.nanoTime() - t0;
          break;
        default:
          bh.consume(peers.ping());
          nanos.pingNanos += System.nanoTime() - t0;
          break;
      }
    }
    nanos.calls++;
  }
}
