package io.github.remnawaveshop.telegram.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.telegram.api.BotBlockedException;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.internal.BotJson;
import io.github.remnawaveshop.telegram.api.methods.AnswerCallbackQuery;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes updates (from {@code LongPolling}, {@code WebhookServer}, or {@link #feed(String)} for a
 * host's own endpoint) and runs each through the middleware chain to the first matching route of
 * its routers.
 *
 * <p>Updates of one chat are handled one at a time, lowest {@code update_id} first among those
 * waiting (a webhook may deliver one chat's updates on parallel connections); different chats in
 * parallel on the executor. At most {@link Builder#maxPendingUpdates} updates wait or run at once:
 * beyond that {@link #dispatch(Update)} refuses with {@link DispatcherOverloadedException}
 * (backpressure, not unbounded memory). Redeliveries are recognised by {@code update_id} and
 * skipped. Every callback query is answered after its handler, if the handler did not. Bad input
 * never stops it: malformed JSON, unknown kinds and throwing handlers are logged once with the
 * update id and skipped. Thread-safe; build once per bot.
 */
public final class Dispatcher implements AutoCloseable {
  static final String ROUTE_ATTRIBUTE = "dispatch.route";
  static final String RESULT_ATTRIBUTE = "dispatch.result";
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Pattern UPDATE_ID = Pattern.compile("\"update_id\"\\s*:\\s*(\\d+)");

  private final TelegramBot bot;
  private final List<Router> routers;
  private final List<Middleware> middlewares;
  private final DispatcherServices services;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final int maxPending;
  private final Semaphore permits;
  private final Cache<Long, Boolean> seen;
  private final ConcurrentHashMap<Long, ChatQueue> chats = new ConcurrentHashMap<>();
  private final ObjectMapper json = BotJson.mapper();
  private final Builder origin;
  private volatile boolean closed;

  private Dispatcher(Builder b) {
    this.origin = b.copy();
    this.bot = b.bot;
    this.routers = List.copyOf(b.routers);
    List<Middleware> chain = new ArrayList<>();
    if (b.defaults) {
      chain.add(Middlewares.errors());
      chain.add(Middlewares.logging());
    }
    chain.addAll(b.middlewares);
    this.middlewares = List.copyOf(chain);
    this.services =
        new DispatcherServices(
            b.fsm, b.texts, b.languages, b.parseMode, Optional.ofNullable(b.botUsername));
    if (b.executor == null) {
      AtomicInteger n = new AtomicInteger();
      this.ownedExecutor =
          Executors.newFixedThreadPool(
              b.threads,
              r -> {
                Thread t = new Thread(r, "telegram-handler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.executor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.executor = b.executor;
    }
    this.maxPending = b.maxPending;
    this.permits = new Semaphore(b.maxPending);
    this.seen =
        Caffeine.newBuilder()
            .maximumSize(b.dedupSize)
            .expireAfterWrite(Duration.ofHours(24))
            .build();
  }

  /** A builder; {@link Builder#bot} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this dispatcher's settings (routers, middlewares, services). */
  public Builder toBuilder() {
    return origin.copy();
  }

  /** The bot replies go through. */
  public TelegramBot bot() {
    return bot;
  }

  /** Updates queued or running. */
  public int pending() {
    return maxPending - permits.availablePermits();
  }

  /**
   * Reads an update's JSON (as Telegram posts it) and dispatches it. Malformed JSON is logged once
   * and completes with {@link DispatchResult#MALFORMED}; nothing is thrown for bad input.
   *
   * @throws DispatcherOverloadedException when the backlog is full
   */
  public CompletableFuture<DispatchResult> feed(String updateJson) {
    Optional<Update> update = parse(updateJson);
    return update.isPresent()
        ? dispatch(update.get())
        : CompletableFuture.completedFuture(DispatchResult.MALFORMED);
  }

  /** Reads an update, or logs once why it cannot be read. */
  public Optional<Update> parse(String updateJson) {
    if (updateJson == null) {
      return Optional.empty();
    }
    try {
      Update u = json.readValue(updateJson, Update.class);
      if (u == null || u.updateId() <= 0) {
        log.warn("Skipped an update without update_id ({} bytes)", updateJson.length());
        return Optional.empty();
      }
      return Optional.of(u);
    } catch (JsonProcessingException | RuntimeException e) {
      Matcher m =
          UPDATE_ID.matcher(updateJson.length() > 200 ? updateJson.substring(0, 200) : updateJson);
      log.warn(
          "Skipped malformed update {}: {}",
          m.find() ? m.group(1) : "(no id)",
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Queues an update behind the earlier updates of its chat, without waiting for room.
   *
   * @return completes when the update has been handled (never exceptionally)
   * @throws DispatcherOverloadedException when the backlog is full
   */
  public CompletableFuture<DispatchResult> dispatch(Update update) {
    Objects.requireNonNull(update, "update");
    if (closed || !permits.tryAcquire()) {
      throw new DispatcherOverloadedException(pending());
    }
    return queue(update);
  }

  /**
   * Queues an update, waiting up to {@code maxWait} for room in the backlog (long polling uses
   * this).
   *
   * @throws DispatcherOverloadedException when no room came in time
   * @throws InterruptedException when interrupted while waiting
   */
  public CompletableFuture<DispatchResult> dispatch(Update update, Duration maxWait)
      throws InterruptedException {
    Objects.requireNonNull(update, "update");
    if (closed || !permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new DispatcherOverloadedException(pending());
    }
    return queue(update);
  }

  private CompletableFuture<DispatchResult> queue(Update update) {
    CompletableFuture<DispatchResult> done = new CompletableFuture<>();
    if (seen.asMap().putIfAbsent(update.updateId(), Boolean.TRUE) != null) {
      permits.release();
      log.debug("Skipped update {}: delivered before", update.updateId());
      done.complete(DispatchResult.DUPLICATE);
      return done;
    }
    long key = update.chatId().orElse(-update.updateId() - 1);
    ChatQueue queue =
        chats.compute(
            key,
            (k, q) -> {
              ChatQueue chat = q == null ? new ChatQueue(k) : q;
              synchronized (chat) {
                chat.tasks.add(new Task(update, done));
              }
              return chat;
            });
    queue.kick();
    return done;
  }

  /**
   * Runs one update through the chain; the caller frees its backlog place, then completes its
   * future.
   */
  private DispatchResult handle(Task task) {
    Update update = task.update;
    Context ctx = new Context(update, bot, services);
    DispatchResult result;
    try {
      new ChainLink(0).proceed(ctx);
      result = ctx.<DispatchResult>attribute(RESULT_ATTRIBUTE).orElse(DispatchResult.STOPPED);
    } catch (Throwable e) {
      log.error("Update {} ({}) failed", update.updateId(), update.kind(), e);
      result = DispatchResult.FAILED;
    }
    if (update.kind() == UpdateKind.CALLBACK_QUERY && !ctx.callbackAnswered()) {
      bot.executeAsync(AnswerCallbackQuery.of(update.callbackQuery().orElseThrow().id()))
          .exceptionally(
              e -> {
                log.debug(
                    "Could not answer the callback query of update {}: {}",
                    update.updateId(),
                    e.getMessage());
                return false;
              });
    }
    for (CompletableFuture<?> send : ctx.sends()) {
      send.whenComplete(
          (v, e) -> {
            if (e != null) {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof BotBlockedException) {
                log.info(
                    "A reply to update {} was refused: the user blocked the bot",
                    update.updateId());
              } else {
                log.warn("A reply to update {} failed: {}", update.updateId(), cause.getMessage());
              }
            }
          });
    }
    return result;
  }

  /**
   * Stops taking updates and waits up to {@code timeout} for the queued ones to finish.
   *
   * @return whether every update finished in time
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * Stops taking updates, waits up to 10 s for the queued ones, and stops an executor the
   * dispatcher created.
   */
  @Override
  public void close() {
    try {
      if (!drain(Duration.ofSeconds(10))) {
        log.warn("Dispatcher closed with {} updates unfinished", pending());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private final class ChainLink implements Middleware.Chain {
    private final int index;

    ChainLink(int index) {
      this.index = index;
    }

    @Override
    public void proceed(Context ctx) throws Exception {
      if (index < middlewares.size()) {
        middlewares.get(index).intercept(ctx, new ChainLink(index + 1));
        return;
      }
      for (Router router : routers) {
        if (router.handle(ctx)) {
          ctx.attribute(RESULT_ATTRIBUTE, DispatchResult.HANDLED);
          return;
        }
      }
      ctx.attribute(RESULT_ATTRIBUTE, DispatchResult.UNHANDLED);
      log.debug("No route for update {} ({})", ctx.update().updateId(), ctx.kind());
    }
  }

  private record Task(Update update, CompletableFuture<DispatchResult> done) {}

  /** The updates of one chat: at most one runs at a time, in order; one task per executor turn. */
  private final class ChatQueue {
    final long key;
    // ordered by update_id: a webhook may deliver one chat's updates on parallel connections, out
    // of order
    final java.util.PriorityQueue<Task> tasks =
        new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong((Task t) -> t.update().updateId()));
    boolean running;

    ChatQueue(long key) {
      this.key = key;
    }

    void kick() {
      boolean start;
      synchronized (this) {
        start = !running && !tasks.isEmpty();
        if (start) {
          running = true;
        }
      }
      if (start) {
        submitTurn();
      }
    }

    private void submitTurn() {
      try {
        executor.execute(this::turn);
      } catch (RejectedExecutionException e) {
        failAll();
      }
    }

    private void turn() {
      Task task;
      synchronized (this) {
        task = tasks.poll();
      }
      if (task != null) {
        // free the backlog place before completing: whoever waits on the future then sees pending()
        // without it
        DispatchResult result = DispatchResult.FAILED;
        try {
          result = handle(task);
        } finally {
          permits.release();
          task.done.complete(result);
        }
      }
      boolean more;
      synchronized (this) {
        more = !tasks.isEmpty();
        if (!more) {
          running = false;
        }
      }
      if (more) {
        submitTurn();
      } else {
        chats.computeIfPresent(
            key,
            (k, q) -> {
              synchronized (q) {
                return q.running || !q.tasks.isEmpty() ? q : null;
              }
            });
      }
    }

    private void failAll() {
      List<Task> dropped;
      synchronized (this) {
        dropped = new ArrayList<>(tasks);
        tasks.clear();
        running = false;
      }
      for (Task t : dropped) {
        permits.release();
        log.warn("Update {} was not handled: the executor refused it", t.update.updateId());
        t.done.complete(DispatchResult.FAILED);
      }
    }
  }

  /** Builder of {@link Dispatcher}; not thread-safe. */
  public static final class Builder {
    private TelegramBot bot;
    private final List<Router> routers = new ArrayList<>();
    private final List<Middleware> middlewares = new ArrayList<>();
    private FsmStorage fsm;
    private Texts texts;
    private LanguageResolver languages = LanguageResolver.none();
    private ParseMode parseMode = ParseMode.HTML;
    private String botUsername;
    private Executor executor;
    private int threads = 16;
    private int maxPending = 10_000;
    private long dedupSize = 100_000;
    private boolean defaults = true;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.bot = bot;
      b.routers.addAll(routers);
      b.middlewares.addAll(middlewares);
      b.fsm = fsm;
      b.texts = texts;
      b.languages = languages;
      b.parseMode = parseMode;
      b.botUsername = botUsername;
      b.executor = executor;
      b.threads = threads;
      b.maxPending = maxPending;
      b.dedupSize = dedupSize;
      b.defaults = defaults;
      return b;
    }

    /** The client replies go through (required). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      return this;
    }

    /** Adds a router; routers are tried in the order added. */
    public Builder router(Router router) {
      routers.add(Objects.requireNonNull(router, "router"));
      return this;
    }

    /**
     * Adds a middleware; they run in the order added, after the built-in error and logging
     * middlewares.
     */
    public Builder use(Middleware middleware) {
      middlewares.add(Objects.requireNonNull(middleware, "middleware"));
      return this;
    }

    /**
     * Leaves out the built-in error and logging middlewares (benchmarks, or when adding your own).
     */
    public Builder withoutDefaultMiddlewares() {
      this.defaults = false;
      return this;
    }

    /** The FSM storage behind {@link Context#fsm()} (Redis or memory, from {@code core.fsm}). */
    public Builder fsm(FsmStorage fsm) {
      this.fsm = Objects.requireNonNull(fsm, "fsm");
      return this;
    }

    /** The texts behind {@link Context#t}. */
    public Builder texts(Texts texts) {
      this.texts = Objects.requireNonNull(texts, "texts");
      return this;
    }

    /** Where a user's stored language choice comes from (default: none stored). */
    public Builder languages(LanguageResolver resolver) {
      this.languages = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The parse mode of the reply helpers (default HTML: escape user text with {@link
     * Html#escape}).
     */
    public Builder parseMode(ParseMode mode) {
      this.parseMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The bot's username, so {@code /cmd@otherbot} in groups is not taken for this bot's command.
     */
    public Builder botUsername(String username) {
      this.botUsername = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * Where handlers run (default: 16 daemon threads owned by the dispatcher). On Java 21+ pass
     * {@code Executors.newVirtualThreadPerTaskExecutor()}; a given executor is not shut down by the
     * dispatcher.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Threads of the default executor (default 16). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1; was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Updates that may wait or run at once (default 10,000). */
    public Builder maxPendingUpdates(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPendingUpdates must be at least 1; was " + max);
      }
      this.maxPending = max;
      return this;
    }

    /**
     * How many recent update ids are remembered to skip redeliveries (default 100,000, for 24 h).
     */
    public Builder dedupSize(long size) {
      if (size < 1) {
        throw new IllegalArgumentException("dedupSize must be at least 1; was " + size);
      }
      this.dedupSize = size;
      return this;
    }

    /** The dispatcher. */
    public Dispatcher build() {
      if (bot == null) {
        throw new IllegalArgumentException("bot must be set (the TelegramBot replies go through)");
      }
      if (routers.isEmpty()) {
        throw new IllegalArgumentException("at least one router must be added");
      }
      return new Dispatcher(this);
    }
  }
}
