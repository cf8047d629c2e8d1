package io.github.remnawaveshop.benchmarks.telegram;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.Broadcast;
import io.github.remnawaveshop.telegram.api.BroadcastReport;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.SimulatedLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * A broadcast of N messages (default 3,000) to N distinct private chats against the Bot API
 * simulator enforcing Telegram's limits ({@link SimulatedLimits#telegram()}: 30 sends/s overall, 3
 * per 3 s per chat), three ways in one run, each on a fresh simulator so their 429 counts stay
 * apart:
 *
 * <ul>
 *   <li>{@code ours}: {@link TelegramBot#broadcast} with the bot's default {@link
 *       Throttle#telegramDefaults()};
 *   <li>{@code naiveSleep}: the common Python pattern — send, wait for the answer, sleep 1/30 s,
 *       next;
 *   <li>{@code batches25}: the leading Python shop bot's pattern — 25 sends at once, wait for all,
 *       pause 1 s.
 * </ul>
 *
 * <p>The peers send through a bot with {@link Throttle#unlimited()} (no shaping of its own; a 429
 * is still obeyed and retried, as aiogram's retry middleware does), so every send is eventually
 * delivered and the wall times compare like for like. Reported per contestant: messages sent, wall
 * time, throughput (sent / wall time), throughput as a fraction of the 30/s limit (goal for ours ≥
 * 0.97) and the simulator's count of 429 answers (goal 0). The fraction is taken as {@code (sent −
 * 30) / wall time / 30}: a sliding window of 30 per second admits the first 30 at once, so N
 * messages need (N − 30) / 30 s at best, and sent / wall time would read above 1 for a small N.
 *
 * <p>A harness, not JMH: one broadcast takes ~100 s at the limit, and its figure is a rate over the
 * whole run, not a per-call time. Run:
 *
 * <pre>
 * java -cp shop-benchmarks/target/benchmarks.jar io.github.remnawaveshop.benchmarks.telegram.TelegramBroadcastBenchmark \
 *     [messages] [result.json]
 * </pre>
 */
public final class TelegramBroadcastBenchmark {
  static final int LIMIT_PER_SECOND = 30;

  private TelegramBroadcastBenchmark() {}

  /**
   * Runs the three contestants one after another and prints (and optionally writes) a JSON result.
   *
   * @param args {@code [messages] [result.json]}
   * @throws Exception when a contestant fails
   */
  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    Path out = args.length > 1 ? Path.of(args[1]) : null;
    if (messages < LIMIT_PER_SECOND) {
      throw new IllegalArgumentException(
          "messages must be at least " + LIMIT_PER_SECOND + " but was " + messages);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "TelegramBroadcastBenchmark");
    result.put("messages", messages);
    result.put("limitPerSecond", LIMIT_PER_SECOND);
    result.put("simulatorLimits", SimulatedLimits.telegram().toString());
    result.put(
        "ours",
        run("ours", messages, Throttle.telegramDefaults(), TelegramBroadcastBenchmark::ours));
    result.put(
        "naiveSleep",
        run("naiveSleep", messages, Throttle.unlimited(), TelegramBroadcastBenchmark::naiveSleep));
    result.put(
        "batches25",
        run("batches25", messages, Throttle.unlimited(), TelegramBroadcastBenchmark::batches25));
    BenchResults.write(result, out);
  }

  /** One way of sending a message to every chat; returns how many were sent. */
  interface Sender {
    int send(TelegramBot bot, List<Long> chats) throws Exception;
  }

  private static Map<String, Object> run(
      String name, int messages, Throttle throttle, Sender sender) throws Exception {
    try (BotApiSimulator sim =
        BotApiSimulator.builder().limits(SimulatedLimits.telegram()).build()) {
      List<Long> chats =
          LongStream.rangeClosed(1, messages).map(i -> 100_000_000L + i).boxed().toList();
      chats.forEach(id -> sim.user(id).name("User" + id));
      try (TelegramBot bot =
          TelegramBot.builder()
              .token(Secret.of(sim.token()))
              .baseUrl(sim.baseUrl())
              .throttle(throttle)
              .build()) {
        // warm the HTTP client and the JIT a little, then let the simulator's windows empty
        for (int i = 0; i < 5; i++) {
          bot.execute(SendMessage.to(chats.get(i), "warm-up"));
        }
        Thread.sleep(3_100);
        int warmViolations = sim.rateLimitViolations();
        System.out.printf("%s: sending %d messages%n", name, messages);
        long start = System.nanoTime();
        int sent = sender.send(bot, chats);
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = sent / seconds;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sent", sent);
        r.put("wallSeconds", BenchResults.round(seconds));
        r.put("messagesPerSecond", BenchResults.round(perSecond));
        // a 30-in-any-second window lets the first 30 go at once; the rate that counts is the rest
        // over the time
        r.put("steadyMessagesPerSecond", BenchResults.round((sent - LIMIT_PER_SECOND) / seconds));
        r.put(
            "fractionOfLimit",
            BenchResults.round((sent - LIMIT_PER_SECOND) / seconds / LIMIT_PER_SECOND));
        r.put("http429", sim.rateLimitViolations() - warmViolations);
        r.put("maxAcceptedInAnySecond", sim.maxAcceptedInWindow(null, Duration.ofSeconds(1)));
        System.out.printf("%s: %s%n", name, r);
        return r;
      }
    }
  }

  private static int ours(TelegramBot bot, List<Long> chats) {
    BroadcastReport report =
        bot.broadcast(
                Broadcast.builder()
                    .recipients(chats)
                    .message(
                        chat ->
                            SendMessage.to(
                                chat,
                                "Our new servers in Finland are live. Happy to have you with us!"))
                    .progressEvery(500)
                    .onProgress(p -> System.out.printf("  ours: %d/%d%n", p.done(), p.total()))
                    .build())
            .join();
    if (!report.blocked().isEmpty() || !report.failed().isEmpty()) {
      throw new IllegalStateException("broadcast lost messages: " + report);
    }
    return report.sent();
  }

  private static int naiveSleep(TelegramBot bot, List<Long> chats) throws InterruptedException {
    long pauseNanos = TimeUnit.SECONDS.toNanos(1) / LIMIT_PER_SECOND;
    int sent = 0;
    for (long chat : chats) {
      bot.execute(
          SendMessage.to(chat, "Our new servers in Finland are live. Happy to have you with us!"));
      sent++;
      TimeUnit.NANOSECONDS.sleep(pauseNanos);
    }
    return sent;
  }

  private static int batches25(TelegramBot bot, List<Long> chats) throws InterruptedException {
    int sent = 0;
    for (int from = 0; from < chats.size(); from += 25) {
      List<CompletableFuture<?>> batch = new ArrayList<>();
      for (long chat : chats.subList(from, Math.min(chats.size(), from + 25))) {
        batch.add(
            bot.executeAsync(
                SendMessage.to(
                    chat, "Our new servers in Finland are live. Happy to have you with us!")));
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
      sent += batch.size();
      if (from + 25 < chats.size()) {
        Thread.sleep(1_000);
      }
    }
    return sent;
  }
}
