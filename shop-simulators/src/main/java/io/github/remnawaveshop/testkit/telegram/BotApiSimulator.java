package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Telegram Bot API server for tests and demos: real HTTP on 127.0.0.1, Telegram's wire format
 * ({@code {ok, result}} / {@code {ok:false, error_code, description, parameters}}), in-memory
 * chats, simulated users, flood limits and injectable faults.
 *
 * <pre>{@code
 * try (BotApiSimulator sim = BotApiSimulator.builder().botUsername("shop_test_bot").build()) {
 *   // point the bot at sim.baseUrl() with sim.token(); it calls baseUrl + "bot" + token + "/" + method
 *   SimulatedUser alice = sim.user(42).name("Alice");
 *   alice.sends("/start");
 *   SentMessage menu = sim.chat(42).awaitMessage(m -> m.hasButton("Buy"), Duration.ofSeconds(5));
 *   alice.presses("Buy");
 * }
 * }</pre>
 *
 * <p>Served methods: getMe, getUpdates (real long polling), setWebhook (then updates are POSTed to
 * the bot), deleteWebhook, getWebhookInfo, setMyCommands/getMyCommands/deleteMyCommands,
 * sendMessage, sendPhoto, sendDocument, copyMessage, editMessageText, editMessageCaption,
 * editMessageReplyMarkup, editMessageMedia, deleteMessage, sendChatAction, answerCallbackQuery,
 * sendInvoice, createInvoiceLink, answerPreCheckoutQuery, refundStarPayment, getChat,
 * getChatMember. Others answer 404 {@code Not Found: method not found}.
 *
 * <p>Thread-safe: one lock guards all state; the HTTP server runs each call on its own thread so
 * long polls block only themselves. {@link #close()} stops the server and webhook delivery.
 */
public final class BotApiSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BotApiSimulator.class);
  private static final Pattern TOKEN = Pattern.compile("[0-9]{1,19}:[A-Za-z0-9_-]{1,100}");

  /** The token used when none is set. */
  public static final String DEFAULT_TOKEN = "1000001:AAHsimulatorFakeTokenForTests0000000";

  private final SimulatorCore core;
  private final PaymentMethods payments;
  private final WebhookDelivery delivery;
  private final BotApiHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;

  private BotApiSimulator(Builder b) {
    this.core = new SimulatorCore(b, b.token);
    Map<String, MethodHandler> methods = new HashMap<>();
    new BotMethods(core).register(methods);
    new MessageMethods(core).register(methods);
    this.payments = new PaymentMethods(core);
    payments.register(methods);
    BotApiHandler[] self = new BotApiHandler[1];
    this.delivery =
        new WebhookDelivery(
            core,
            b.webhookTimeout,
            (method, params) -> self[0].invoke(method, RequestParams.of(params)));
    new UpdateMethods(core, delivery).register(methods);
    this.handler = new BotApiHandler(core, methods);
    self[0] = handler;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "bot-api-sim-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = LoopbackHttpServer.create(b.port, 64);
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    LOG.info("Bot API simulator for @{} listening on {}", core.botUsername, baseUrl());
  }

  /**
   * A builder with defaults: a fixed fake token, {@code @shop_test_bot}, no limits, a free port.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code http://127.0.0.1:PORT/}: the client calls {@code baseUrl() + "bot" + token + "/" +
   * method}.
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The bot token the simulator accepts. */
  public String token() {
    return core.token;
  }

  /** The bot's user id (the token's number). */
  public long botId() {
    return core.botId;
  }

  /** The bot's username, without {@code @}. */
  public String botUsername() {
    return core.botUsername;
  }

  /**
   * The user with this id, created on first use along with the private chat (chat id = user id).
   */
  public SimulatedUser user(long userId) {
    if (userId <= 0) {
      throw new IllegalArgumentException("user id must be positive but was " + userId);
    }
    return core.locked(
        () -> {
          SimulatedUser u = core.users.get(userId);
          if (u == null) {
            u = new SimulatedUser(core, payments, userId);
            core.users.put(userId, u);
            core.privateChat(u);
            core.touch();
          }
          return u;
        });
  }

  /** A known chat (a user's private chat, a group, a channel). */
  public SimulatedChat chat(long chatId) {
    return core.locked(
        () -> {
          ChatState chat = core.chats.get(chatId);
          if (chat == null && chatId > 0) {
            user(chatId);
            chat = core.chats.get(chatId);
          }
          if (chat == null) {
            throw new IllegalArgumentException(
                "no chat " + chatId + "; create it with user(id), group(id) or channel(id)");
          }
          return new SimulatedChat(core, chat);
        });
  }

  /** A group chat (type {@code supergroup} when the id starts with -100), created on first use. */
  public SimulatedChat group(long chatId) {
    if (chatId >= 0) {
      throw new IllegalArgumentException("group ids are negative but was " + chatId);
    }
    return core.locked(
        () -> {
          ChatState chat = core.chats.get(chatId);
          if (chat != null && chat.type.equals("channel")) {
            throw new IllegalArgumentException("chat " + chatId + " is a channel");
          }
          SimulatedChat c = new SimulatedChat(core, core.groupChat(chatId));
          core.touch();
          return c;
        });
  }

  /**
   * A channel (for getChatMember), created on first use; {@link SimulatedUser#joins} also creates
   * it.
   */
  public SimulatedChat channel(long chatId) {
    if (chatId >= 0) {
      throw new IllegalArgumentException("channel ids are negative but was " + chatId);
    }
    return core.locked(
        () -> {
          SimulatedChat c = new SimulatedChat(core, core.channel(chatId));
          core.touch();
          return c;
        });
  }

  /** Every call the bot made with the right token, in arrival order. */
  public List<RecordedRequest> requests() {
    return core.locked(() -> List.copyOf(core.requests));
  }

  /** The calls of one method (case-insensitive), in arrival order. */
  public List<RecordedRequest> requests(String method) {
    return requests().stream().filter(r -> r.method().equalsIgnoreCase(method)).toList();
  }

  /** How many 429 answers the flood limits gave. */
  public int rateLimitViolations() {
    return core.locked(core.flood::violations);
  }

  /**
   * The most sends accepted in any window of this length, to one chat, or overall for {@code null}
   * (sends only; edits count per chat). Recorded whether or not limits are on.
   */
  public int maxAcceptedInWindow(Long chatIdOrNullForGlobal, Duration window) {
    Objects.requireNonNull(window, "window");
    return core.locked(() -> core.flood.maxAcceptedInWindow(chatIdOrNullForGlobal, window));
  }

  /**
   * How many sends (and, per chat, edits) were accepted, for one chat or overall ({@code null}).
   */
  public int acceptedSends(Long chatIdOrNullForGlobal) {
    return core.locked(() -> core.flood.accepted(chatIdOrNullForGlobal));
  }

  /**
   * How many distinct updates reached the bot (returned by getUpdates or acknowledged by the
   * webhook).
   */
  public long updatesDelivered() {
    return core.locked(() -> core.deliveredCount);
  }

  /** How many updates wait for confirmation (getUpdates offset) or for a 2xx webhook answer. */
  public int pendingUpdates() {
    return core.locked(core.pending::size);
  }

  /** The next call of {@code method} fails with this error instead of running. */
  public void failNext(String method, int errorCode, String description) {
    addFault(
        method,
        new SimulatorCore.Fault(
            checkCode(errorCode), requireText(description, "description"), null, false));
  }

  /** The next call of {@code method} fails with this error and {@code parameters.retry_after}. */
  public void failNext(String method, int errorCode, String description, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    addFault(
        method,
        new SimulatorCore.Fault(
            checkCode(errorCode), requireText(description, "description"), retryAfter, false));
  }

  /** The next call of {@code method} gets HTTP 502 with an nginx-style HTML body. */
  public void answerHtmlNext(String method) {
    addFault(method, new SimulatorCore.Fault(502, "Bad Gateway", null, true));
  }

  /**
   * Upgrades a group: sends to the old id then get 400 with {@code parameters.migrate_to_chat_id}.
   */
  public void migrateChat(long fromChatId, long toChatId) {
    if (fromChatId >= 0 || toChatId >= 0) {
      throw new IllegalArgumentException(
          "group ids are negative but were " + fromChatId + " -> " + toChatId);
    }
    core.lockedRun(
        () -> {
          ChatState from = core.groupChat(fromChatId);
          ChatState to =
              core.chats.computeIfAbsent(toChatId, k -> new ChatState(k, "supergroup", from.title));
          to.members.addAll(from.members);
          from.migratedTo = toChatId;
          core.touch();
        });
  }

  /** Every callback query the users sent, with whether the bot answered it. */
  public List<SimulatedCallbackQuery> callbackQueries() {
    return core.locked(
        () -> core.callbacks.values().stream().map(SimulatorCore.CallbackState::toRecord).toList());
  }

  /** The callback queries the bot has not answered with answerCallbackQuery. */
  public List<SimulatedCallbackQuery> unansweredCallbacks() {
    return callbackQueries().stream().filter(c -> !c.answered()).toList();
  }

  /** The invoice behind a {@code createInvoiceLink} link, to {@link SimulatedUser#pays} it. */
  public SimulatedInvoice invoiceLink(String url) {
    return findInvoiceLink(url)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no invoice link "
                        + url
                        + "; known: "
                        + core.locked(() -> List.copyOf(core.invoiceLinks.keySet()))));
  }

  /** The invoice behind a {@code createInvoiceLink} link, if the bot created it. */
  public Optional<SimulatedInvoice> findInvoiceLink(String url) {
    return core.locked(() -> Optional.ofNullable(core.invoiceLinks.get(url)));
  }

  /** The invoice links the bot created, in order. */
  public List<SimulatedInvoice> invoiceLinks() {
    return core.locked(() -> List.copyOf(core.invoiceLinks.values()));
  }

  /** The charge ids refunded with refundStarPayment. */
  public Set<String> refundedCharges() {
    return core.locked(
        () ->
            core.charges.values().stream()
                .filter(c -> c.refunded)
                .map(c -> c.chargeId)
                .collect(Collectors.toUnmodifiableSet()));
  }

  /** The commands set by setMyCommands (a JSON array of {@code {command, description}}). */
  public JsonNode myCommands() {
    return core.locked(() -> core.commands.deepCopy());
  }

  /** The webhook URL, if one is set. */
  public Optional<String> webhookUrl() {
    return core.locked(
        () -> Optional.ofNullable(core.webhook).map(SimulatorCore.WebhookConfig::url));
  }

  /** The known users, in creation order. */
  public List<SimulatedUser> users() {
    return core.locked(() -> List.copyOf(new LinkedHashMap<>(core.users).values()));
  }

  SimulatorCore core() {
    return core;
  }

  /** Stops webhook delivery and the HTTP server. */
  @Override
  public void close() {
    delivery.stop();
    server.stop(0);
    executor.shutdownNow();
    LOG.info("Bot API simulator on port {} stopped", server.getAddress().getPort());
  }

  private void addFault(String method, SimulatorCore.Fault fault) {
    requireText(method, "method");
    core.lockedRun(() -> core.addFault(method, fault));
  }

  private static int checkCode(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("errorCode must be 400..599 but was " + code);
    }
    return code;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be non-blank but was '" + value + "'");
    }
    return value;
  }

  /** Builds and starts a {@link BotApiSimulator}. */
  public static final class Builder {
    String token = DEFAULT_TOKEN;
    String botUsername = "shop_test_bot";
    String botName = "Shop Test Bot";
    SimulatedLimits limits = SimulatedLimits.off();
    int port;
    Clock clock = Clock.systemUTC();
    Duration preCheckoutTimeout = Duration.ofSeconds(10);
    Duration webhookRetryBackoff = Duration.ofMillis(100);
    Duration webhookTimeout = Duration.ofSeconds(10);
    LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /** The time source of the flood windows (tests in this package move time by hand). */
    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** The token the bot must use ({@code <digits>:<letters, digits, _ or ->}). */
    public Builder token(String token) {
      if (token == null || !TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException(
            "token must look like 123456:ABC-def_0 but was '" + token + "'");
      }
      this.token = token;
      return this;
    }

    /** The bot's username for getMe (without {@code @}, 5–32 characters ending in "bot"). */
    public Builder botUsername(String username) {
      if (username == null
          || !username.matches("[A-Za-z][A-Za-z0-9_]{3,31}")
          || !username.toLowerCase().endsWith("bot")) {
        throw new IllegalArgumentException(
            "botUsername must be 5-32 of A-Za-z0-9_ ending in 'bot' but was '" + username + "'");
      }
      this.botUsername = username;
      return this;
    }

    /** The bot's first name for getMe (default {@code Shop Test Bot}). */
    public Builder botName(String name) {
      this.botName = requireText(name, "botName");
      return this;
    }

    /** Flood limits (default {@link SimulatedLimits#off()}). */
    public Builder limits(SimulatedLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The port on 127.0.0.1 (default 0: a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /** The clock for message dates (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long {@link SimulatedUser#pays} waits for answerPreCheckoutQuery (default 10 s, as
     * Telegram).
     */
    public Builder preCheckoutTimeout(Duration timeout) {
      this.preCheckoutTimeout = positive(timeout, "preCheckoutTimeout");
      return this;
    }

    /**
     * The first redelivery delay after a failed webhook delivery, doubling up to 16x (default 100
     * ms).
     */
    public Builder webhookRetryBackoff(Duration backoff) {
      this.webhookRetryBackoff = positive(backoff, "webhookRetryBackoff");
      return this;
    }

    /** How long a webhook request may take before it counts as failed (default 10 s). */
    public Builder webhookTimeout(Duration timeout) {
      this.webhookTimeout = positive(timeout, "webhookTimeout");
      return this;
    }

    /** Starts the simulator. */
    public BotApiSimulator build() {
      return new BotApiSimulator(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }
  }
}
