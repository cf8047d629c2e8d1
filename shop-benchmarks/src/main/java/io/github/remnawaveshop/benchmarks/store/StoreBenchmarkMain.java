package io.github.remnawaveshop.benchmarks.store;

import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link StoreBenchmark} with one seeded database for all benchmarks: creates a database on
 * the PostgreSQL server named by {@code SHOP_TEST_POSTGRES_URL} (or an embedded one), seeds it,
 * hands its URL to the JMH forks, and drops it at the end. Arguments are JMH's own.
 *
 * <pre>
 * java -cp shop-benchmarks/target/benchmarks.jar io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain \
 *     -f 1 -wi 2 -i 3 -w 2s -r 3s -rf json -rff docs/benchmarks/store.json
 * </pre>
 */
public final class StoreBenchmarkMain {
  private StoreBenchmarkMain() {}

  /**
   * Seeds, benchmarks, drops.
   *
   * @param args JMH command-line options
   * @throws Exception when seeding or JMH fails
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions jmh = new CommandLineOptions(args);
    int users = StoreSeed.users();
    try (TestDatabase db = TestServers.postgres().createDatabase()) {
      System.out.println(
          "seeding "
              + users
              + " users, "
              + 2L * users
              + " subscriptions, "
              + 5L * users
              + " payments into "
              + db.name());
      Duration took = StoreSeed.seed(db.dataSource(), users);
      System.out.printf("seed total: %.1f s%n", took.toMillis() / 1000.0);
      OptionsBuilder options = new OptionsBuilder();
      options.parent(jmh);
      if (jmh.getIncludes().isEmpty()) {
        options.include(StoreBenchmark.class.getName());
      }
      options.jvmArgsAppend(
          "-D" + StoreBenchmark.URL_PROPERTY + "=" + db.jdbcUrl(),
          "-D" + StoreSeed.USERS_PROPERTY + "=" + users);
      waitForJmhLock(Duration.ofMinutes(10));
      new Runner(options.build()).run();
    }
  }

  /**
   * Seeding takes minutes; JMH refuses to start while another JMH run on this machine holds its
   * lock. Wait for that run to end instead of throwing the seeded database away; after the timeout
   * run anyway (and say so).
   */
  private static void waitForJmhLock(Duration timeout) throws Exception {
    Path lock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (FileChannel channel =
          FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock held = channel.tryLock();
        if (held != null) {
          held.release();
          return;
        }
      }
      System.out.println("another JMH run holds " + lock + "; waiting");
      Thread.sleep(5_000);
    }
    System.out.println(
        "WARNING: still locked after " + timeout + "; running beside the other JMH run");
    System.setProperty("jmh.ignoreLock", "true");
  }
}
