package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.remnawaveshop.core.ops.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's one HTTP port (JDK {@code com.sun.net.httpserver}). It binds when built — so the port
 * is known to the parts that put it in URLs — and serves once {@link #start()}ed: {@code /telegram}
 * (webhook mode), {@code /webhooks/payments/{gateway}}, {@code /webhooks/panel}, {@code /health},
 * {@code /metrics}, {@code /demopay/} (the local DemoPay) and {@code /} (the chat sandbox). {@link
 * #stop()} lets requests in progress finish for up to two seconds.
 */
final class HttpFront implements Managed {
  private static final Logger log = LoggerFactory.getLogger(HttpFront.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;

  private HttpFront(HttpServer server, ExecutorService executor, String host) {
    this.server = server;
    this.executor = executor;
    this.host = host;
  }

  /**
   * Binds {@code host:port}.
   *
   * @throws ConfigException naming {@code HTTP_PORT} when the port is taken
   */
  static HttpFront bind(String host, int port) {
    // the JDK server sends headers and body as two segments; with Nagle on, the body waits for the
    // client's
    // delayed acknowledgement (up to 40 ms on Linux). The switch is read once per JVM, by the first
    // server,
    // and this one is created before the Bot API simulator's: set it here (a -D value given to the
    // JVM wins).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (BindException e) {
      throw new ConfigException(
          "HTTP_PORT",
          port
              + " on "
              + host
              + " is in use or not allowed ("
              + e.getMessage()
              + "); choose another port");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "shop-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    return new HttpFront(server, executor, host);
  }

  /** Serves a path (and everything below it) with a handler. */
  HttpFront mount(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** The bound port. */
  int port() {
    return server.getAddress().getPort();
  }

  /** The address a browser on this machine opens. */
  String localUrl() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + h + ":" + port();
  }

  @Override
  public String name() {
    return "http front";
  }

  @Override
  public void start() {
    server.start();
    log.info("HTTP front listening on {}:{}", host, port());
  }

  @Override
  public void stop() throws InterruptedException {
    server.stop(2);
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Releases the port when the shop failed before it started. */
  void abandon() {
    server.stop(0);
    executor.shutdownNow();
  }
}
