package io.github.remnawaveshop.benchmarks.telegram;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.fsm.StorageKey;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.DispatchResult;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Middlewares;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.TestServers;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One update through {@link Dispatcher#dispatch(Update)} until its handler has finished, two ways
 * over the same handler and the same updates:
 *
 * <ul>
 *   <li>{@code full}: the default error and logging middlewares, {@link Middlewares#rateLimit} over
 *       a Redis {@link RateLimiter}, and a Redis {@link FsmStorage}; the handler reads the user's
 *       FSM state (one Redis round trip, as a shop screen does before answering);
 *   <li>{@code bare}: {@code withoutDefaultMiddlewares()}, no rate limit, no FSM storage; the same
 *       handler then skips the state read ({@code ctx.hasFsm()} is false).
 * </ul>
 *
 * <p>The handler makes no Telegram call (the bot points at an idle Bot API simulator), so the
 * figure is the dispatcher's and its middlewares' cost, not a send's. Updates are text messages of
 * 4,096 users in their private chats, each invocation a fresh {@code update_id} (the dispatcher
 * skips redeliveries). The limiter allows 10,000 per minute per user and never refuses here (the
 * allowed path, the one every update of a well-behaved user takes); every user has a state and
 * three data fields in Redis. Throughput (updates/s = ops/ms × 1000) with 1 and 4 callers, each
 * waiting for its update; SampleTime gives the per-update latency, whose p99 minus {@code bare}'s
 * is the added latency. Logging: slf4j-simple at WARN in the forks (INFO writes a line per update
 * and would measure the console).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class DispatcherOverheadBenchmark {
  static final int USERS = 4_096;

  private BotApiSimulator sim;
  private TelegramBot bot;
  private RedisClient client;
  private FsmStorage fsm;
  private RateLimiter limiter;
  private Dispatcher full;
  private Dispatcher bare;
  private String prefix;
  private Update[] templates;
  private final AtomicLong nextUpdateId = new AtomicLong(1);

  /**
   * Starts the idle simulator, connects to Redis, seeds one FSM conversation per user, builds both
   * dispatchers.
   */
  @Setup
  public void setUp() {
    sim = BotApiSimulator.builder().build();
    bot =
        TelegramBot.builder()
            .token(Secret.of(sim.token()))
            .baseUrl(sim.baseUrl())
            .throttle(Throttle.telegramDefaults())
            .build();
    RedisServer redis = TestServers.redis();
    client = RedisClient.create(redis.uri());
    prefix = redis.newKeyPrefix() + "dispatch";
    fsm =
        FsmStorage.builder()
            .redis(client)
            .keyPrefix(prefix + ":fsm")
            .redisTimeout(Duration.ofSeconds(30))
            .build();
    limiter =
        RateLimiter.builder()
            .redis(client)
            .keyPrefix(prefix + ":rl:")
            .limit(10_000, Duration.ofMinutes(1))
            .banFor(Duration.ZERO)
            .redisTimeout(Duration.ofSeconds(30))
            .build();
    Router router =
        Router.builder("bench").on(Filters.any(), DispatcherOverheadBenchmark::handle).build();
    full =
        Dispatcher.builder()
            .bot(bot)
            .fsm(fsm)
            .use(Middlewares.rateLimit(limiter))
            .router(router)
            .build();
    bare = Dispatcher.builder().bot(bot).withoutDefaultMiddlewares().router(router).build();
    templates = new Update[USERS];
    for (int i = 0; i < USERS; i++) {
      long user = 500_000_000L + i;
      fsm.setState(StorageKey.of(bot.botId(), user, user), "Buy:choosePlan");
      fsm.updateData(
          StorageKey.of(bot.botId(), user, user),
          java.util.Map.of("plan", 3, "months", 6, "promo", "SPRING25"));
      templates[i] =
          bare.parse(
                  "{\"update_id\":"
                      + (i + 1)
                      + ",\"message\":{\"message_id\":"
                      + (i + 10)
                      + ",\"from\":{\"id\":"
                      + user
                      + ",\"is_bot\":false,\"first_name\":\"User\",\"language_code\":\"en\"},"
                      + "\"chat\":{\"id\":"
                      + user
                      + ",\"type\":\"private\",\"first_name\":\"User\"},\"date\":1764600000,"
                      + "\"text\":\"SPRING25\"}}")
              .orElseThrow();
    }
  }

  /**
   * The handler both dispatchers run: reads the state when there is an FSM, and looks at the text.
   */
  private static void handle(Context ctx) {
    String state = ctx.hasFsm() ? ctx.fsm().state().orElse("none") : "none";
    ctx.attribute("bench.seen", state.length() + ctx.text().length());
  }

  /** Removes the benchmark's keys and stops everything. */
  @TearDown
  public void tearDown() {
    full.close();
    bare.close();
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1_000));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    fsm.close();
    limiter.close();
    client.shutdown();
    bot.close();
    sim.close();
  }

  /** Each caller thread walks the users from its own starting point. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = (int) (Thread.currentThread().getId() * 1_031);
  }

  private DispatchResult run(Dispatcher dispatcher, Cursor cursor) {
    Update t = templates[cursor.next++ & (USERS - 1)];
    Update u =
        new Update(
            nextUpdateId.getAndIncrement() + 1_000_000L,
            t.message(),
            t.editedMessage(),
            t.channelPost(),
            t.callbackQuery(),
            t.preCheckoutQuery(),
            t.myChatMember(),
            t.chatMember());
    DispatchResult r = dispatcher.dispatch(u).join();
    if (r != DispatchResult.HANDLED) {
      throw new IllegalStateException("update " + u.updateId() + " was " + r);
    }
    return r;
  }

  /** Ours with everything on, one caller. */
  @Benchmark
  @Threads(1)
  public DispatchResult full(Cursor cursor) {
    return run(full, cursor);
  }

  /** The peer: no middlewares, no FSM, one caller. */
  @Benchmark
  @Threads(1)
  public DispatchResult bare(Cursor cursor) {
    return run(bare, cursor);
  }

  /** Ours with everything on, four callers (four chats in parallel). */
  @Benchmark
  @Threads(4)
  public DispatchResult full4(Cursor cursor) {
    return run(full, cursor);
  }

  /** The peer with four callers. */
  @Benchmark
  @Threads(4)
  public DispatchResult bare4(Cursor cursor) {
    return run(bare, cursor);
  }
}
