package io.github.remnawaveshop.telegram.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.telegram.SimulatedBot;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.DeleteWebhook;
import io.github.remnawaveshop.telegram.api.methods.SetWebhook;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long polling against the simulator: offsets confirmed only after handling, conflicts named,
 * crashes re-deliver.
 */
@SuppressWarnings("try") // resources opened only to be closed at the end of the block
class LongPollingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private BotApiSimulator sim;
  private TelegramBot bot;

  @RegisterExtension final SimulatedBot tg = SimulatedBot.unthrottled();

  @BeforeEach
  void start() {
    sim = tg.sim();
    bot = tg.bot();
  }

  private LongPolling polling(Dispatcher d) {
    return LongPolling.builder()
        .bot(bot)
        .dispatcher(d)
        .timeout(Duration.ofSeconds(1))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .build();
  }

  @Test
  void pollsWithATimeoutAndAllowedUpdatesAndAnswers() throws Exception {
    Router router = Router.builder().command("start", ctx -> ctx.reply("welcome")).build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
        var p = polling(d).asCloseable()) {
      sim.user(42).sends("/start");
      sim.chat(42).awaitMessage(m -> m.text().equals("welcome"), WAIT);
    }
    RecordedRequest first = sim.requests("getUpdates").get(0);
    assertThat(first.params().path("timeout").asInt()).isEqualTo(1);
    assertThat(first.params().path("allowed_updates").toString())
        .contains("callback_query")
        .contains("pre_checkout_query")
        .contains("my_chat_member");
  }

  @Test
  void theOffsetNeverPassesAnUpdateStillBeingHandled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    Router router =
        Router.builder()
            .text(
                Filters.any(),
                ctx -> {
                  if (ctx.text().equals("slow")) {
                    release.await();
                  }
                  handled.add(ctx.text());
                })
            .build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
        var p = polling(d).asCloseable()) {
      long slow = sim.user(42).sends("slow");
      sim.user(43).sends("fast-1");
      sim.user(44).sends("fast-2");
      awaitTrue(() -> handled.containsAll(List.of("fast-1", "fast-2")));
      Thread.sleep(1500); // a few more polls while "slow" is still running
      assertThat(sim.requests("getUpdates"))
          .allSatisfy(
              r -> assertThat(r.params().path("offset").asLong()).isLessThanOrEqualTo(slow));
      assertThat(sim.pendingUpdates()).isGreaterThanOrEqualTo(1);
      release.countDown();
      awaitTrue(() -> handled.contains("slow"));
      awaitTrue(() -> sim.pendingUpdates() == 0);
    }
    assertThat(handled).containsExactlyInAnyOrder("slow", "fast-1", "fast-2");
  }

  @Test
  void aWebhookConflictIsNamedAndPollingRecoversWhenItIsRemoved() throws Exception {
    bot.execute(
        new SetWebhook("https://elsewhere.example/hook", Optional.empty(), 40, List.of(), false));
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    Router router = Router.builder().command("start", ctx -> ctx.reply("welcome")).build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
        var p = polling(d).asCloseable()) {
      awaitTrue(() -> log.toString(StandardCharsets.UTF_8).contains("a webhook is set"));
      bot.execute(new DeleteWebhook(false));
      sim.user(42).sends("/start");
      sim.chat(42).awaitMessage(m -> m.text().equals("welcome"), WAIT);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void stopFinishesInFlightUpdatesAndConfirmsThemSoARestartDoesNotReplay() throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    Router router =
        Router.builder()
            .text(
                Filters.any(),
                ctx -> {
                  started.countDown();
                  Thread.sleep(300);
                  handled.add(ctx.text());
                })
            .build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build()) {
      LongPolling p = polling(d);
      p.start();
      sim.user(42).sends("one");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      p.stop();
      assertThat(handled).containsExactly("one");
      assertThat(sim.pendingUpdates()).isZero();
    }
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
        var p = polling(d).asCloseable()) {
      sim.user(42).sends("two");
      awaitTrue(() -> handled.contains("two"));
    }
    assertThat(handled).containsExactly("one", "two");
  }

  @Test
  void aKilledProcessGetsItsUnfinishedUpdateAgainButNotTheFinishedOnes(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("handled.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PollingChild.class.getName(),
                sim.baseUrl(),
                sim.token(),
                journal.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    try {
      sim.user(42).sends("a");
      sim.user(43).sends("b");
      sim.user(44).sends("hang");
      awaitTrue(
          () -> read(journal).containsAll(List.of("a", "b", "started:hang")),
          Duration.ofSeconds(30));
      // the child has confirmed a and b by its next poll's offset, and not "hang"
      awaitTrue(() -> sim.pendingUpdates() == 1, Duration.ofSeconds(10));
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    List<String> again = new CopyOnWriteArrayList<>();
    Router router = Router.builder().text(Filters.any(), ctx -> again.add(ctx.text())).build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
        var p = polling(d).asCloseable()) {
      awaitTrue(() -> again.contains("hang"));
      Thread.sleep(500);
    }
    assertThat(again).containsExactly("hang");
  }

  private static List<String> read(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
    awaitTrue(c, WAIT);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier c, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in " + wait);
      }
      Thread.sleep(20);
    }
  }
}
