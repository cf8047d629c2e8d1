package io.github.remnawaveshop.examples.shopbot;

import java.io.PrintStream;

/**
 * The example shop bot's entry point — the README's first command:
 *
 * <pre>
 * mvn -B -q -DskipTests -pl shop-examples -am package exec:java
 * </pre>
 *
 * Reads the configuration from the environment and {@code shop.properties} (see {@code
 * docs/example-bot.md}), starts {@link ShopBotApp} and runs until SIGTERM or Ctrl-C, which shut it
 * down gracefully. A missing or malformed value ends the program with one line naming the variable
 * and exit code 2.
 */
public final class ShopBotMain {
  /** Exit code for a configuration error. */
  public static final int CONFIG_ERROR = 2;

  private ShopBotMain() {}

  /** Runs the shop bot. */
  public static void main(String[] args) throws InterruptedException {
    int code = run(ConfigSource.standard(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts the shop and waits for its shutdown.
   *
   * @return 0 after a graceful shutdown, {@link #CONFIG_ERROR} after printing one line to {@code
   *     err}
   */
  static int run(ConfigSource source, PrintStream out, PrintStream err)
      throws InterruptedException {
    ShopBotApp app;
    try {
      app = ShopBotApp.start(ShopConfig.from(source));
    } catch (ConfigException e) {
      err.println("Configuration error: " + e.getMessage());
      return CONFIG_ERROR;
    }
    app.lifecycle().installSignalHandlers();
    out.println();
    out.println("  Parts (real = configured, embedded = the built-in default):");
    for (StartupReport.Part part : app.parts().parts()) {
      out.println("    " + part);
    }
    out.println();
    out.println(
        app.botSimulator().isPresent()
            ? "  Shop bot running. Open the chat sandbox: " + app.url() + "/"
            : "  Shop bot running on Telegram; HTTP front at " + app.url() + "/");
    out.println("  Health: " + app.url() + "/health   Metrics: " + app.url() + "/metrics");
    out.println("  Stop with Ctrl-C (graceful shutdown).");
    out.println();
    out.flush();
    app.lifecycle().awaitShutdown();
    return 0;
  }
}
