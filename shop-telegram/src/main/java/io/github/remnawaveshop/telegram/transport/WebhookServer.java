package io.github.remnawaveshop.telegram.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.DeleteWebhook;
import io.github.remnawaveshop.telegram.api.methods.SetWebhook;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.DispatcherOverloadedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives updates as Telegram's webhook: an {@link HttpHandler} on the JDK's HTTP server, either
 * on a port of its own ({@link Builder#port}) or mounted by the host on its server ({@link
 * #handler()}). A request without the right {@code X-Telegram-Bot-Api-Secret-Token} gets 401
 * (constant-time compare), a body over {@link Builder#maxBodyBytes} 413, unreadable JSON 400; a
 * readable update is queued and answered 200 at once, or 503 when the dispatcher is full (Telegram
 * then redelivers). Redeliveries are skipped by {@code update_id}. {@link #start()} calls {@code
 * setWebhook} with the public URL and secret; {@link #stop()} stops the own server (the webhook
 * stays set, so updates wait at Telegram while the bot is down).
 */
public final class WebhookServer implements Managed {
  /** The header Telegram sends the secret token in. */
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  private final TelegramBot bot;
  private final Dispatcher dispatcher;
  private final Optional<String> publicUrl;
  private final Secret secret;
  private final String path;
  private final Integer port;
  private final String bindAddress;
  private final int maxBodyBytes;
  private final int maxConnections;
  private final List<String> allowedUpdates;
  private final boolean dropPendingUpdates;
  private volatile HttpServer server;

  private WebhookServer(Builder b) {
    this.bot = b.bot;
    this.dispatcher = b.dispatcher;
    this.publicUrl = Optional.ofNullable(b.publicUrl);
    this.secret = b.secret != null ? b.secret : generatedSecret();
    this.path = b.path;
    this.port = b.port;
    this.bindAddress = b.bindAddress;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxConnections = b.maxConnections;
    this.allowedUpdates = List.copyOf(b.allowedUpdates);
    this.dropPendingUpdates = b.dropPendingUpdates;
  }

  /** A builder; bot and dispatcher are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "telegram-webhook";
  }

  /** The secret token Telegram must send (generated when none was configured). */
  public Secret secret() {
    return secret;
  }

  /** The path the handler is served at (default {@code /telegram}). */
  public String path() {
    return path;
  }

  /** The port of the own server once started, or -1 when mounted by the host. */
  public int boundPort() {
    HttpServer s = server;
    return s == null ? -1 : s.getAddress().getPort();
  }

  /** The handler to mount at {@link #path()} on the host's own {@code HttpServer}. */
  public HttpHandler handler() {
    return this::handle;
  }

  /**
   * Starts the own server (when a port was given) and registers the webhook (when a public URL was
   * given).
   */
  @Override
  public synchronized void start() throws IOException {
    if (port != null && server == null) {
      HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
      s.createContext(path, handler());
      s.setExecutor(
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "telegram-webhook");
                t.setDaemon(true);
                return t;
              }));
      s.start();
      server = s;
      log.info("Webhook listening on {}:{}{}", bindAddress, s.getAddress().getPort(), path);
    }
    if (publicUrl.isPresent()) {
      bot.execute(
          new SetWebhook(
              publicUrl.get(),
              Optional.of(secret.reveal()),
              maxConnections,
              allowedUpdates,
              dropPendingUpdates));
      log.info("Webhook registered at {}", publicUrl.get());
    }
  }

  /** Removes the webhook at Telegram (to switch back to long polling). */
  public void unregister() {
    bot.execute(new DeleteWebhook(false));
  }

  /** Stops the own server after letting requests in progress finish (up to 2 s). */
  @Override
  public synchronized void stop() {
    HttpServer s = server;
    if (s != null) {
      s.stop(2);
      if (s.getExecutor() instanceof java.util.concurrent.ExecutorService e) {
        e.shutdown();
      }
      server = null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, "POST only");
        return;
      }
      String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
      if (given == null
          || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.bytes())) {
        log.warn(
            "Rejected a webhook request from {} without the right secret token",
            exchange.getRemoteAddress().getAddress().getHostAddress());
        answer(exchange, 401, "wrong or missing secret token");
        return;
      }
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      byte[] body =
          length != null && parseLong(length) > maxBodyBytes
              ? null
              : readAtMost(exchange.getRequestBody(), maxBodyBytes);
      if (body == null) {
        // no body: the unread rest of the request makes the server drop the connection after the
        // headers
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      Optional<Update> update = dispatcher.parse(new String(body, StandardCharsets.UTF_8));
      if (update.isEmpty()) {
        answer(exchange, 400, "not a Telegram update");
        return;
      }
      try {
        dispatcher.dispatch(update.get());
        answer(exchange, 200, "");
      } catch (DispatcherOverloadedException e) {
        answer(exchange, 503, "busy");
      }
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
    byte[] buf = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static Secret generatedSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /** Builder of {@link WebhookServer}; not thread-safe. */
  public static final class Builder {
    private TelegramBot bot;
    private Dispatcher dispatcher;
    private String publicUrl;
    private Secret secret;
    private String path = "/telegram";
    private Integer port;
    private String bindAddress = "0.0.0.0";
    private int maxBodyBytes = 1 << 20;
    private int maxConnections = 40;
    private List<String> allowedUpdates = UpdateKinds.SHOP;
    private boolean dropPendingUpdates;

    private Builder() {}

    /** The client (required). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      return this;
    }

    /** The dispatcher (required). */
    public Builder dispatcher(Dispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
      return this;
    }

    /** The public HTTPS URL Telegram posts to, e.g. {@code https://shop.example.com/telegram}. */
    public Builder publicUrl(String url) {
      Objects.requireNonNull(url, "url");
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("publicUrl must be a URL; was '" + url + "'");
      }
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "publicUrl must be an http(s) URL with a host; was '" + url + "'");
      }
      this.publicUrl = url;
      return this;
    }

    /** The secret token (1-256 of A-Z a-z 0-9 _ -); generated when not set. */
    public Builder secretToken(Secret secret) {
      Objects.requireNonNull(secret, "secret");
      if (!secret.reveal().matches("[A-Za-z0-9_-]{1,256}")) {
        throw new IllegalArgumentException(
            "secretToken must be 1-256 characters of A-Z a-z 0-9 _ -");
      }
      this.secret = secret;
      return this;
    }

    /** The path of the handler on the own server (default {@code /telegram}). */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/'; was '" + path + "'");
      }
      this.path = path;
      return this;
    }

    /**
     * Serve on a port of its own (0 = any free port); without it, mount {@link
     * WebhookServer#handler()}.
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535; was " + port);
      }
      this.port = port;
      return this;
    }

    /** The address the own server binds (default 0.0.0.0). */
    public Builder bindAddress(String address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The largest body accepted (default 1 MiB). */
    public Builder maxBodyBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024; was " + max);
      }
      this.maxBodyBytes = max;
      return this;
    }

    /** Parallel connections Telegram may use, 1-100 (default 40). */
    public Builder maxConnections(int max) {
      if (max < 1 || max > 100) {
        throw new IllegalArgumentException("maxConnections must be 1-100; was " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /** The update kinds (default {@link UpdateKinds#SHOP}). */
    public Builder allowedUpdates(List<String> kinds) {
      this.allowedUpdates = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
      return this;
    }

    /** Whether {@code setWebhook} drops updates queued at Telegram (default false). */
    public Builder dropPendingUpdates(boolean drop) {
      this.dropPendingUpdates = drop;
      return this;
    }

    /** The transport. */
    public WebhookServer build() {
      if (bot == null || dispatcher == null) {
        throw new IllegalArgumentException("bot and dispatcher must be set");
      }
      return new WebhookServer(this);
    }
  }
}
