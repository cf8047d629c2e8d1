package io.github.remnawaveshop.benchmarks.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.remnawaveshop.core.ratelimit.Decision;
import java.util.concurrent.TimeUnit;
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

/**
 * One decision on Redis per operation, one thread: our limiter, Bucket4j's Lettuce proxy, and one
 * raw round trip as the physical limit (see {@link RedisPeers}). Each method is measured in its own
 * time slot, so on a loaded machine {@link RedisInterleavedBenchmark} gives the fairer ratio.
 *
 * <p>{@code keys=1024}: keys over their limit (refused path; {@code ours} answers most of them
 * without a round trip, {@code oursRoundTrip} sends each to Redis); {@code keys=262144}: each key
 * sees a few requests a minute (allowed path, the script's longest).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class RedisLimiterBenchmark {
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

  @Benchmark
  public Decision ours() {
    return peers.ours();
  }

  /** Ours with {@code rememberRefusals(false)}: one EVALSHA per decision on every path. */
  @Benchmark
  public Decision oursRoundTrip() {
    return peers.oursRoundTrip();
  }

  @Benchmark
  public ConsumptionProbe bucket4jLettuce() {
    return peers.bucket4j();
  }

  @Benchmark
  public Long rawEvalshaReturn1() {
    return peers.evalshaReturn1();
  }

  @Benchmark
  public String rawPing() {
    return peers.ping();
  }
}
