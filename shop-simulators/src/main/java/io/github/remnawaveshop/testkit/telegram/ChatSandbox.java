package io.github.remnawaveshop.testkit.telegram;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local, Telegram-like chat page in front of a {@link BotApiSimulator}, for people: pick one of
 * the configured users, write to the bot, press its buttons, pay its invoices, and watch its
 * answers (edits in place, deletions, photos, documents) appear.
 *
 * <pre>{@code
 * ChatSandbox sandbox = ChatSandbox.builder().simulator(sim)
 *     .user(1001, "Alice").user(1002, "Bob").title("Shop sandbox").build();
 * server.createContext("/", sandbox.handler());   // on the host's own HttpServer, or:
 * String url = sandbox.serve(8080);               // a server of its own on 127.0.0.1
 * }</pre>
 *
 * <p>The page is one self-contained HTML document with a little vanilla JavaScript that polls
 * {@code sandbox/api/state} about every 700 ms; there is no build step and nothing is loaded from
 * elsewhere. Bot text is rendered from Telegram's entities with every character escaped, so bot
 * content cannot inject markup; a strict Content-Security-Policy backs that up. JSON endpoints live
 * under {@code sandbox/api/} (state, config, send, press, pay, file). Thread-safe.
 */
public final class ChatSandbox implements AutoCloseable {
  private final BotApiSimulator simulator;
  private final String title;
  private final Map<Long, String> users;
  private final SandboxHandler handler;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();

  private ChatSandbox(Builder b) {
    this.simulator = b.simulator;
    this.title = b.title;
    this.users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
    for (Map.Entry<Long, String> u : b.users.entrySet()) {
      simulator.user(u.getKey()).name(u.getValue());
    }
    this.handler = new SandboxHandler(simulator, title, new ArrayList<>(b.users.keySet()));
  }

  /** A builder; a simulator and at least one user are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The handler serving the page at its context root and the API below {@code sandbox/api/}. */
  public HttpHandler handler() {
    return handler;
  }

  /**
   * Serves the sandbox on {@code 127.0.0.1:port} (0 for a free port) on a server of its own,
   * stopped by {@link #close()}; returns the page URL.
   */
  public String serve(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 but was " + port);
    }
    HttpServer server;
    server = LoopbackHttpServer.create(port, 32);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "chat-sandbox-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    synchronized (servers) {
      servers.add(server);
      executors.add(executor);
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The page title. */
  public String title() {
    return title;
  }

  /** The configured users: id to display name, in the order given. */
  public Map<Long, String> users() {
    return users;
  }

  /** Stops the servers started by {@link #serve}; a handler mounted elsewhere is unaffected. */
  @Override
  public void close() {
    synchronized (servers) {
      servers.forEach(s -> s.stop(0));
      executors.forEach(ExecutorService::shutdownNow);
      servers.clear();
      executors.clear();
    }
  }

  /** Builds a {@link ChatSandbox}. */
  public static final class Builder {
    private BotApiSimulator simulator;
    private String title = "Bot sandbox";
    private final Map<Long, String> users = new LinkedHashMap<>();

    private Builder() {}

    /** The simulator the bot talks to (required). */
    public Builder simulator(BotApiSimulator simulator) {
      this.simulator = Objects.requireNonNull(simulator, "simulator");
      return this;
    }

    /** A user one can chat as (at least one); sets the simulated user's first name too. */
    public Builder user(long id, String name) {
      if (id <= 0) {
        throw new IllegalArgumentException("user id must be positive but was " + id);
      }
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(
            "user name must be non-blank but was '" + name + "' for user " + id);
      }
      if (users.containsKey(id)) {
        throw new IllegalArgumentException(
            "user " + id + " was already added as '" + users.get(id) + "'");
      }
      users.put(id, name);
      return this;
    }

    /** The page title (default {@code Bot sandbox}). */
    public Builder title(String title) {
      if (title == null || title.isBlank()) {
        throw new IllegalArgumentException("title must be non-blank but was '" + title + "'");
      }
      this.title = title;
      return this;
    }

    /** The sandbox. */
    public ChatSandbox build() {
      if (simulator == null) {
        throw new IllegalStateException("simulator is required");
      }
      if (users.isEmpty()) {
        throw new IllegalStateException("at least one user is required: user(id, name)");
      }
      return new ChatSandbox(this);
    }
  }
}
