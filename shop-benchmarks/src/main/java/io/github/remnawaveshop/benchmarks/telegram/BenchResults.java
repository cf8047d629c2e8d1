package io.github.remnawaveshop.benchmarks.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Small helpers the harnesses share: percentiles of a sample and writing a result map as JSON. */
final class BenchResults {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchResults() {}

  /** The {@code p}-th percentile (0–100, nearest rank) of {@code values}; 0 for an empty sample. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Prints {@code result} as JSON and, when {@code out} is given, writes it there too. */
  static void write(Map<String, ?> result, Path out) {
    try {
      String text = JSON.writeValueAsString(result);
      System.out.println(text);
      if (out != null) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(out, text + System.lineSeparator());
        System.out.println("written to " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** Rounds for display: three decimals. */
  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
