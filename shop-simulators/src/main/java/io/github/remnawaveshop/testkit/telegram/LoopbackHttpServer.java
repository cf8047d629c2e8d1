package io.github.remnawaveshop.testkit.telegram;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Creates the simulators' JDK HTTP servers on the loopback address with Nagle's algorithm off.
 *
 * <p>The JDK server writes a response's headers and its body as two TCP segments. With Nagle on,
 * the body waits for the client to acknowledge the headers, and a client that delays its
 * acknowledgement (Linux does, for up to 40 ms) receives every answer about 40 ms late: measured
 * here, 47 ms per {@code sendMessage} round trip against 3.3 ms without it. Telegram answers
 * without such a delay, so a simulator with it would add 40 ms to every figure taken against it.
 * The JDK reads its switch, {@code sun.net.httpserver.nodelay}, once, when its first HTTP server is
 * created in the JVM; this sets it unless the JVM was started with a value of its own. A program
 * that creates a JDK HTTP server of its own before the first simulator should start the JVM with
 * {@code -Dsun.net.httpserver.nodelay=true}.
 */
final class LoopbackHttpServer {
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private LoopbackHttpServer() {}

  static HttpServer create(int port, int backlog) {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    try {
      return HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }
}
