package io.github.remnawaveshop.telegram.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.RecordedRequest;
import io.github.remnawaveshop.testkit.telegram.SimulatedLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle keeps within limits the simulator enforces (scaled up so the test is quick): no 429
 * under 20 concurrent senders, the interactive lane overtakes a broadcast, and broadcasts report
 * blocked users.
 */
class ThrottleTest {
  private static final Duration WINDOW = Duration.ofMillis(500);
  private BotApiSimulator sim;
  private TelegramBot bot;

  private void start(SimulatedLimits limits, Throttle throttle) {
    sim = BotApiSimulator.builder().limits(limits).build();
    bot =
        TelegramBot.builder()
            .token(Secret.of(sim.token()))
            .baseUrl(sim.baseUrl())
            .throttle(throttle)
            .build();
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void twentyConcurrentSendersNeverExceedAnyLimit() throws Exception {
    // global 40 per 500 ms, 2 per 500 ms per private chat, 3 per 500 ms per group: 80/s overall
    start(
        SimulatedLimits.builder()
            .global(40, WINDOW)
            .perChat(2, WINDOW)
            .perGroup(3, WINDOW)
            .retryAfter(Duration.ofSeconds(1))
            .build(),
        Throttle.builder().global(40, WINDOW).perChat(2, WINDOW).perGroup(3, WINDOW).build());
    List<Long> chats = new ArrayList<>();
    for (long u = 1; u <= 30; u++) {
      sim.user(u);
      chats.add(u);
    }
    sim.group(-500);
    chats.add(-500L);
    int senders = 20;
    int perSender = 12;
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<CompletableFuture<?>> sent = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int seed = s;
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perSender; i++) {
                  long chat = chats.get((seed * 7 + i * 3) % chats.size());
                  sent.add(
                      bot.executeAsync(
                          SendMessage.to(chat, "m" + seed + "-" + i),
                          i % 2 == 0 ? Lane.INTERACTIVE : Lane.BULK));
                }
              });
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(sim.rateLimitViolations()).isZero();
    assertThat(sim.acceptedSends(null)).isEqualTo(senders * perSender);
    assertThat(sim.maxAcceptedInWindow(null, WINDOW)).isLessThanOrEqualTo(40);
    for (long chat : chats) {
      assertThat(sim.maxAcceptedInWindow(chat, WINDOW))
          .as("chat %d", chat)
          .isLessThanOrEqualTo(chat < 0 ? 3 : 2);
    }
  }

  @Test
  void interactiveReplyOvertakesARunningBroadcast() throws Exception {
    start(
        SimulatedLimits.builder().global(20, WINDOW).perChat(100, WINDOW).build(),
        Throttle.builder().global(20, WINDOW).perChat(100, WINDOW).build());
    List<Long> recipients = LongStream.rangeClosed(1, 120).boxed().toList();
    recipients.forEach(sim::user);
    sim.user(999);
    CompletableFuture<BroadcastReport> broadcast =
        bot.broadcast(
            Broadcast.builder()
                .recipients(recipients)
                .message(chat -> SendMessage.to(chat, "news"))
                .maxInFlight(120)
                .build());
    awaitSends(30);
    bot.execute(SendMessage.to(999, "your answer"));
    int broadcastSentBefore =
        (int)
            sim.requests("sendMessage").stream()
                .takeWhile(r -> r.chatId().orElse(0L) != 999L)
                .count();
    BroadcastReport report = broadcast.get(30, TimeUnit.SECONDS);
    assertThat(report.sent()).isEqualTo(120);
    // the reply waited for at most one window's worth of broadcast traffic, not for the remaining
    // ~90 messages
    assertThat(broadcastSentBefore).isLessThan(30 + 20 + 5);
    List<RecordedRequest> after =
        sim.requests("sendMessage").stream().dropWhile(r -> r.chatId().orElse(0L) != 999L).toList();
    assertThat(after.size() - 1).isGreaterThan(50);
    assertThat(sim.rateLimitViolations()).isZero();
  }

  @Test
  void broadcastReportsSentBlockedAndFailedAndEachDelivery() throws Exception {
    start(SimulatedLimits.off(), Throttle.unlimited());
    List<Long> recipients = LongStream.rangeClosed(1, 50).boxed().toList();
    recipients.forEach(sim::user);
    for (long blocked = 5; blocked <= 50; blocked += 10) {
      sim.user(blocked).blocksBot();
    }
    sim.failNext("sendMessage", 400, "Bad Request: chat not found");
    ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
    List<BroadcastProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    BroadcastReport report =
        bot.broadcast(
                Broadcast.builder()
                    .recipients(recipients)
                    .message(chat -> SendMessage.to(chat, "hello " + chat))
                    .progressEvery(10)
                    .onProgress(progress::add)
                    .onDelivery((chat, outcome) -> delivered.add(chat))
                    .maxInFlight(8)
                    .build())
            .get(30, TimeUnit.SECONDS);
    assertThat(report.blocked()).containsExactlyInAnyOrder(5L, 15L, 25L, 35L, 45L);
    assertThat(report.failed()).hasSize(1);
    assertThat(report.sent()).isEqualTo(44);
    assertThat(delivered).hasSize(50).doesNotHaveDuplicates();
    assertThat(progress).last().satisfies(p -> assertThat(p.done()).isEqualTo(50));
  }

  @Test
  void aPausedChatDoesNotHoldBackOtherChats() throws Exception {
    start(SimulatedLimits.off(), Throttle.unlimited());
    sim.user(1);
    sim.user(2);
    sim.failNext("sendMessage", 429, "Too Many Requests: retry after 2", Duration.ofSeconds(2));
    CompletableFuture<?> first = bot.executeAsync(SendMessage.to(1, "paused"));
    Thread.sleep(200); // let the 429 come back and pause chat 1
    long start = System.nanoTime();
    bot.execute(SendMessage.to(2, "not paused"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    first.get(10, TimeUnit.SECONDS);
    assertThat(sim.chat(1).lastMessage().orElseThrow().text()).isEqualTo("paused");
  }

  private void awaitSends(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sim.acceptedSends(null) < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
