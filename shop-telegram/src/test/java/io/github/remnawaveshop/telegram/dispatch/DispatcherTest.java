package io.github.remnawaveshop.telegram.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.telegram.SimulatedBot;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.types.ChatType;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routing, middlewares, ordering and bad input, with replies going to the Bot API simulator. */
@SuppressWarnings("try") // resources opened only to be closed at the end of the block
class DispatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  record Buy(String plan, int days) {}

  static final CallbackCodec<Buy> BUY =
      CallbackCodec.of(
          "buy",
          f -> new Buy(f.get(0), Integer.parseInt(f.get(1))),
          b -> List.of(b.plan(), Integer.toString(b.days())));

  private BotApiSimulator sim;
  private TelegramBot bot;
  private FsmStorage fsm;

  @RegisterExtension final SimulatedBot tg = SimulatedBot.unthrottled();

  @BeforeEach
  void start() {
    sim = tg.sim();
    bot = tg.bot();
    fsm = FsmStorage.builder().build();
    sim.user(42);
    sim.user(43);
  }

  @AfterEach
  void stop() {
    fsm.close();
  }

  private Dispatcher.Builder dispatcher(Router router) {
    return Dispatcher.builder().bot(bot).fsm(fsm).router(router).texts(Texts.bundle("test-texts"));
  }

  private DispatchResult feed(Dispatcher d, String json) throws Exception {
    return d.feed(json).get(5, TimeUnit.SECONDS);
  }

  @Test
  void commandsWithDeepLinkPayloadsCallbacksAndStates() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Router router =
        Router.builder()
            .command("start", ctx -> seen.add("start:" + ctx.commandArgs()))
            .callback(BUY, (ctx, buy) -> seen.add("buy:" + buy.plan() + ":" + buy.days()))
            .command("promo", ctx -> ctx.fsm().setState("promo.enter"))
            .state(
                "promo.enter",
                ctx -> {
                  seen.add("code:" + ctx.text());
                  ctx.fsm().clear();
                })
            .text(Filters.any(), ctx -> seen.add("text:" + ctx.text()))
            .build();
    try (Dispatcher d = dispatcher(router).build()) {
      assertThat(feed(d, Updates.message(Updates.nextId(), 42, "/start ref_abc")))
          .isEqualTo(DispatchResult.HANDLED);
      assertThat(feed(d, Updates.message(Updates.nextId(), 42, "/START@shop_bot")))
          .isEqualTo(DispatchResult.HANDLED);
      assertThat(
              feed(d, Updates.callback(Updates.nextId(), 42, BUY.encode(new Buy("basic", 30)), 1)))
          .isEqualTo(DispatchResult.HANDLED);
      feed(d, Updates.message(Updates.nextId(), 42, "/promo"));
      feed(d, Updates.message(Updates.nextId(), 42, "SPRING25"));
      feed(d, Updates.message(Updates.nextId(), 42, "hello"));
      assertThat(feed(d, Updates.callback(Updates.nextId(), 42, "other:1", 1)))
          .isEqualTo(DispatchResult.UNHANDLED);
    }
    assertThat(seen)
        .containsExactly("start:ref_abc", "start:", "buy:basic:30", "code:SPRING25", "text:hello");
  }

  @Test
  void everyCallbackQueryIsAnsweredEvenWhenNoRouteMatchesOrTheHandlerThrows() throws Exception {
    Router router =
        Router.builder()
            .callback(
                CallbackCodec.ofString("boom"),
                (ctx, v) -> {
                  throw new IllegalStateException("handler failed");
                })
            .callback(CallbackCodec.ofString("ok"), (ctx, v) -> ctx.answer("done"))
            .build();
    try (Dispatcher d = dispatcher(router).build();
        var polling =
            io.github.remnawaveshop.telegram.transport.LongPolling.builder()
                .bot(bot)
                .dispatcher(d)
                .timeout(Duration.ofSeconds(1))
                .build()
                .asCloseable()) {
      bot.execute(
          io.github.remnawaveshop.telegram.api.methods.SendMessage.to(42, "menu")
              .keyboard(
                  io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup.builder()
                      .row(
                          io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton.callback(
                              "A", "nobody:1"),
                          io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton.callback(
                              "B", "boom:1"),
                          io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton.callback(
                              "C", "ok:1"))
                      .build()));
      sim.user(42).presses("A");
      sim.user(42).presses("B");
      sim.user(42).presses("C");
      awaitTrue(() -> sim.callbackQueries().size() == 3 && sim.unansweredCallbacks().isEmpty());
    }
    assertThat(sim.callbackQueries())
        .extracting(q -> q.answerText().orElse(""))
        .containsExactly("", "Something broke, sorry.", "done");
    assertThat(sim.callbackQueries().get(1).showAlert()).isTrue();
  }

  @Test
  void aThrowingHandlerGetsTheUserAnApologyAndTheBotGoesOn() throws Exception {
    Router router =
        Router.builder()
            .command(
                "fail",
                ctx -> {
                  throw new IllegalStateException("database on fire");
                })
            .command("ping", ctx -> ctx.reply("pong"))
            .build();
    try (Dispatcher d = dispatcher(router).build()) {
      assertThat(feed(d, Updates.message(Updates.nextId(), 42, "/fail")))
          .isEqualTo(DispatchResult.FAILED);
      assertThat(feed(d, Updates.message(Updates.nextId(), 42, "/ping")))
          .isEqualTo(DispatchResult.HANDLED);
    }
    sim.chat(42).awaitMessage(m -> m.text().equals("pong"), WAIT);
    assertThat(sim.chat(42).messages().get(0).text()).isEqualTo("Something broke, sorry.");
  }

  @Test
  void badInputIsSkippedWithoutStoppingAnything() throws Exception {
    Router router = Router.builder().command("ping", ctx -> ctx.reply("pong")).build();
    try (Dispatcher d = dispatcher(router).build()) {
      assertThat(feed(d, "{\"update_id\":5,\"message\":{\"message_id\":"))
          .isEqualTo(DispatchResult.MALFORMED);
      assertThat(feed(d, "not json")).isEqualTo(DispatchResult.MALFORMED);
      assertThat(feed(d, "[1,2]")).isEqualTo(DispatchResult.MALFORMED);
      assertThat(feed(d, "{\"message\":{}}")).isEqualTo(DispatchResult.MALFORMED);
      assertThat(
              feed(d, "{\"update_id\":77,\"business_message\":{\"x\":1},\"brand_new_field\":[1]}"))
          .isEqualTo(DispatchResult.UNHANDLED);
      String ping = Updates.message(Updates.nextId(), 42, "/ping");
      assertThat(feed(d, ping)).isEqualTo(DispatchResult.HANDLED);
      assertThat(feed(d, ping)).isEqualTo(DispatchResult.DUPLICATE);
      assertThat(d.pending()).isZero();
    }
    sim.chat(42).awaitMessages(1, WAIT);
    Thread.sleep(100);
    assertThat(sim.chat(42).messages()).hasSize(1);
  }

  @Test
  void updatesOfOneChatRunInOrderAndChatsInParallel() throws Exception {
    int chats = 10;
    int perChat = 50;
    Map<Long, List<Integer>> order = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxParallel = new AtomicInteger();
    Map<Long, AtomicInteger> perChatRunning = new ConcurrentHashMap<>();
    AtomicInteger overlapInOneChat = new AtomicInteger();
    Router router =
        Router.builder()
            .text(
                Filters.any(),
                ctx -> {
                  AtomicInteger mine =
                      perChatRunning.computeIfAbsent(ctx.chatId(), k -> new AtomicInteger());
                  if (mine.incrementAndGet() > 1) {
                    overlapInOneChat.incrementAndGet();
                  }
                  maxParallel.accumulateAndGet(running.incrementAndGet(), Math::max);
                  Thread.sleep(1);
                  order
                      .computeIfAbsent(
                          ctx.chatId(), k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(Integer.parseInt(ctx.text()));
                  running.decrementAndGet();
                  mine.decrementAndGet();
                })
            .build();
    List<CompletableFuture<DispatchResult>> all = new ArrayList<>();
    try (Dispatcher d = dispatcher(router).threads(8).withoutDefaultMiddlewares().build()) {
      List<Thread> feeders = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int c = 0; c < chats; c++) {
        long chat = 100 + c;
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perChat; i++) {
                    synchronized (all) {
                      all.add(d.feed(Updates.message(Updates.nextId(), chat, Integer.toString(i))));
                    }
                  }
                });
        feeders.add(t);
        t.start();
      }
      go.countDown();
      for (Thread t : feeders) {
        t.join();
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    assertThat(overlapInOneChat).hasValue(0);
    assertThat(maxParallel.get()).isGreaterThan(1);
    for (long chat = 100; chat < 100 + chats; chat++) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < perChat; i++) {
        expected.add(i);
      }
      assertThat(order.get(chat)).as("chat %d", chat).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aFullBacklogRefusesInsteadOfGrowing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Router router = Router.builder().text(Filters.any(), ctx -> release.await()).build();
    try (Dispatcher d = dispatcher(router).maxPendingUpdates(3).build()) {
      for (int i = 0; i < 3; i++) {
        d.feed(Updates.message(Updates.nextId(), 42, "x"));
      }
      assertThatThrownBy(() -> d.feed(Updates.message(Updates.nextId(), 42, "x")))
          .isInstanceOf(DispatcherOverloadedException.class)
          .hasMessageContaining("3 updates pending");
      release.countDown();
      awaitTrue(() -> d.pending() == 0);
      assertThat(feed(d, Updates.message(Updates.nextId(), 42, "x")))
          .isEqualTo(DispatchResult.HANDLED);
    }
  }

  @Test
  void aBannedUserHearsItOnceThenSilence() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder().limit(3, Duration.ofMinutes(1)).banFor(Duration.ofMinutes(5)).build();
    Router router = Router.builder().command("ping", ctx -> ctx.reply("pong")).build();
    try (Dispatcher d =
        dispatcher(router).use(Middlewares.rateLimit(limiter, id -> id == 43)).build()) {
      List<DispatchResult> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(feed(d, Updates.message(Updates.nextId(), 42, "/ping")));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(feed(d, Updates.message(Updates.nextId(), 43, "/ping")))
            .isEqualTo(DispatchResult.HANDLED);
      }
      assertThat(results)
          .containsExactly(
              DispatchResult.HANDLED,
              DispatchResult.HANDLED,
              DispatchResult.HANDLED,
              DispatchResult.STOPPED,
              DispatchResult.STOPPED,
              DispatchResult.STOPPED,
              DispatchResult.STOPPED,
              DispatchResult.STOPPED);
    }
    sim.chat(43).awaitMessages(8, WAIT);
    List<String> texts = sim.chat(42).awaitMessages(4, WAIT).stream().map(m -> m.text()).toList();
    assertThat(texts).containsExactly("pong", "pong", "pong", "Slow down: wait 5 min.");
    Thread.sleep(200);
    assertThat(sim.chat(42).messages()).hasSize(4);
  }

  @Test
  void languageComesFromTheStoredChoiceThenTelegramThenTheDefault() throws Exception {
    Map<Long, String> stored = new ConcurrentHashMap<>(Map.of(43L, "ru"));
    Router router =
        Router.builder()
            .command("hi", ctx -> ctx.reply(ctx.t("greeting", ctx.user().get().firstName())))
            .build();
    try (Dispatcher d =
        dispatcher(router)
            .languages(ctx -> java.util.Optional.ofNullable(stored.get(ctx.userId())))
            .build()) {
      feed(d, Updates.message(Updates.nextId(), 42, "/hi"));
      feed(d, Updates.message(Updates.nextId(), 43, "/hi"));
      String ruFromTelegram =
          Updates.message(Updates.nextId(), 44, "/hi").replace("\"en\"", "\"ru-RU\"");
      sim.user(44);
      feed(d, ruFromTelegram);
      String unknown = Updates.message(Updates.nextId(), 45, "/hi").replace("\"en\"", "\"de\"");
      sim.user(45);
      feed(d, unknown);
    }
    assertThat(sim.chat(42).awaitMessages(1, WAIT).get(0).text()).isEqualTo("Hello, U42!");
    assertThat(sim.chat(43).awaitMessages(1, WAIT).get(0).text()).isEqualTo("Привет, U43!");
    assertThat(sim.chat(44).awaitMessages(1, WAIT).get(0).text()).isEqualTo("Привет, U44!");
    assertThat(sim.chat(45).awaitMessages(1, WAIT).get(0).text()).isEqualTo("Hello, U45!");
  }

  @Test
  void filtersForChatTypeAndUsers() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Router admin =
        Router.builder("admin")
            .filter(Filters.userId(id -> id == 1))
            .command("stats", ctx -> seen.add("stats"))
            .build();
    Router groups =
        Router.builder("groups")
            .filter(Filters.chatType(ChatType.SUPERGROUP))
            .text(Filters.any(), ctx -> seen.add("group:" + ctx.text()))
            .build();
    Router users =
        Router.builder("users").command("stats", ctx -> seen.add("no stats for you")).build();
    try (Dispatcher d =
        Dispatcher.builder().bot(bot).router(admin).router(groups).router(users).build()) {
      sim.user(1);
      sim.group(-100777);
      feed(d, Updates.message(Updates.nextId(), 1, "/stats"));
      feed(d, Updates.message(Updates.nextId(), 42, "/stats"));
      feed(d, Updates.message(Updates.nextId(), 42, -100777, "hi all"));
    }
    assertThat(seen).containsExactly("stats", "no stats for you", "group:hi all");
  }

  @Test
  void callbackDataOver64BytesIsRefusedWhenTheButtonIsMade() {
    assertThatThrownBy(() -> CallbackCodec.ofString("p").encode("x".repeat(63)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Telegram allows 64");
    assertThatThrownBy(() -> CallbackCodec.ofString("p").encode("a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':'");
    assertThat(BUY.decode("buy:basic:x")).isEmpty();
    assertThat(BUY.decode("buyer:basic:30")).isEmpty();
    assertThat(BUY.decode(BUY.encode(new Buy("pro", 90)))).contains(new Buy("pro", 90));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in " + WAIT);
      }
      Thread.sleep(10);
    }
  }
}
