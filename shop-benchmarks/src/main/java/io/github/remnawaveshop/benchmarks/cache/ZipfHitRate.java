package io.github.remnawaveshop.benchmarks.cache;

import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.cache.CacheRegion;
import io.github.remnawaveshop.core.cache.CacheStats;
import io.github.remnawaveshop.core.cache.StandardRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hit rate of {@link CacheLayer}'s level 1 on a Zipf-distributed key stream: 10^5 distinct keys,
 * exponent s = 1.0 (key k is requested with probability proportional to 1/k), keys shuffled so
 * popularity is not correlated with the key's hash. Every standard region's default size is tried.
 * The stream is 2,000,000 requests from a fixed seed; the first 200,000 warm the cache and the hit
 * rate is taken over the remaining 1,800,000 (steady state). Time does not move (a fixed clock), so
 * the figure is about size and the eviction policy, not TTLs. Next to it, the best any cache of
 * that size can do on this stream in steady state: hold the C most popular keys, hit rate H(C)/H(N)
 * with H the harmonic numbers.
 *
 * <p>Then the sweep the default sizes follow from: level-1 sizes of 1 %, 5 %, 10 %, 25 % and 50 %
 * of the keys, for s = 1.0 and for a more skewed s = 1.2, each with its ideal, and the smallest
 * swept size reaching a 90 % hit rate (none, when no swept size does).
 *
 * <p>Run: {@code java -cp shop-benchmarks/target/benchmarks.jar
 * io.github.remnawaveshop.benchmarks.cache.ZipfHitRate [output.json]}
 */
public final class ZipfHitRate {
  private static final int KEYS = 100_000;
  private static final int REQUESTS = 2_000_000;
  private static final int WARMUP = 200_000;
  private static final double S = 1.0;
  private static final double[] SWEEP_FRACTIONS = {0.01, 0.05, 0.10, 0.25, 0.50};
  private static final double[] SWEEP_EXPONENTS = {1.0, 1.2};

  private ZipfHitRate() {}

  /**
   * Prints a table and, when given a path, writes the figures as JSON there.
   *
   * @param args optional output path
   */
  public static void main(String[] args) {
    long[] stream = stream(new SplittableRandom(42), S);
    StringBuilder json =
        new StringBuilder(
            "{\n  \"keys\": "
                + KEYS
                + ", \"s\": "
                + S
                + ", \"requests\": "
                + REQUESTS
                + ", \"warmup\": "
                + WARMUP
                + ", \"seed\": 42,\n  \"regions\": [\n");
    System.out.printf(
        Locale.ROOT, "%-14s %8s %10s %12s%n", "region", "size", "hit rate", "ideal (LFU)");
    StandardRegion[] regions = StandardRegion.values();
    for (int i = 0; i < regions.length; i++) {
      StandardRegion standard = regions[i];
      CacheRegion<Long, Long> region = standard.region(Long.class, Long.class);
      double measured = measure(region, stream);
      double ideal = harmonic((int) Math.min(region.maximumSize(), KEYS), S) / harmonic(KEYS, S);
      System.out.printf(
          Locale.ROOT,
          "%-14s %8d %9.1f%% %11.1f%%%n",
          region.name(),
          region.maximumSize(),
          measured * 100,
          ideal * 100);
      json.append(
          String.format(
              Locale.ROOT,
              "    {\"region\": \"%s\", \"maximumSize\": %d, \"hitRate\": %.4f, \"idealHitRate\": %.4f}%s%n",
              region.name(),
              region.maximumSize(),
              measured,
              ideal,
              i + 1 < regions.length ? "," : ""));
    }
    json.append("  ],\n  \"sweep\": [\n");
    System.out.printf(
        Locale.ROOT, "%n%-6s %8s %10s %12s%n", "s", "size", "hit rate", "ideal (LFU)");
    for (int e = 0; e < SWEEP_EXPONENTS.length; e++) {
      double exponent = SWEEP_EXPONENTS[e];
      long[] skewed = exponent == S ? stream : stream(new SplittableRandom(42), exponent);
      String firstAt90 = "null";
      StringBuilder points = new StringBuilder();
      for (int f = 0; f < SWEEP_FRACTIONS.length; f++) {
        long size = Math.round(KEYS * SWEEP_FRACTIONS[f]);
        CacheRegion<Long, Long> region =
            CacheRegion.builder("sweep", Long.class, Long.class).maximumSize(size).build();
        double measured = measure(region, skewed);
        double ideal = harmonic((int) size, exponent) / harmonic(KEYS, exponent);
        if (measured >= 0.9 && firstAt90.equals("null")) {
          firstAt90 = Long.toString(size);
        }
        System.out.printf(
            Locale.ROOT,
            "%-6.1f %8d %9.1f%% %11.1f%%%n",
            exponent,
            size,
            measured * 100,
            ideal * 100);
        points.append(
            String.format(
                Locale.ROOT,
                "{\"fractionOfKeys\": %.2f, \"maximumSize\": %d, \"hitRate\": %.4f, "
                    + "\"idealHitRate\": %.4f}%s",
                SWEEP_FRACTIONS[f],
                size,
                measured,
                ideal,
                f + 1 < SWEEP_FRACTIONS.length ? ", " : ""));
      }
      json.append(
          String.format(
              Locale.ROOT,
              "    {\"s\": %.1f, \"smallestSizeAt90Percent\": %s, \"points\": [%s]}%s%n",
              exponent,
              firstAt90,
              points,
              e + 1 < SWEEP_EXPONENTS.length ? "," : ""));
    }
    json.append("  ]\n}\n");
    if (args.length > 0) {
      try {
        Files.writeString(Path.of(args[0]), json.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static double measure(CacheRegion<Long, Long> region, long[] stream) {
    Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (CacheLayer cache = CacheLayer.builder().region(region).clock(frozen).build()) {
      CacheStats before = null;
      for (int i = 0; i < stream.length; i++) {
        if (i == WARMUP) {
          before = cache.stats(region);
        }
        cache.getOrLoad(region, stream[i], k -> k);
      }
      CacheStats after = cache.stats(region);
      long hits = after.hits() - before.hits();
      long misses = after.misses() - before.misses();
      return (double) hits / (hits + misses);
    }
  }

  /** Zipf(s) ranks by inverse CDF, mapped through a fixed random permutation to key ids. */
  static long[] stream(SplittableRandom random, double exponent) {
    double[] cdf = new double[KEYS];
    double sum = 0;
    for (int k = 1; k <= KEYS; k++) {
      sum += 1 / Math.pow(k, exponent);
      cdf[k - 1] = sum;
    }
    for (int k = 0; k < KEYS; k++) {
      cdf[k] /= sum;
    }
    long[] permutation = new long[KEYS];
    for (int k = 0; k < KEYS; k++) {
      permutation[k] = k;
    }
    for (int k = KEYS - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      long t = permutation[k];
      permutation[k] = permutation[j];
      permutation[j] = t;
    }
    long[] out = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      int rank = Arrays.binarySearch(cdf, random.nextDouble());
      rank = rank >= 0 ? rank : Math.min(-rank - 1, KEYS - 1);
      out[i] = 1_000_000L + permutation[rank];
    }
    return out;
  }

  private static double harmonic(int n, double exponent) {
    double h = 0;
    for (int k = 1; k <= n; k++) {
      h += 1 / Math.pow(k, exponent);
    }
    return h;
  }
}
