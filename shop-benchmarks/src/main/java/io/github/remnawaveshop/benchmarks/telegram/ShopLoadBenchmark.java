package io.github.remnawaveshop.benchmarks.telegram;

import io.github.remnawaveshop.core.store.PageRequest;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.testkit.telegram.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * N simulated users (default 500) at once running {@code /start} → Buy → plan → Telegram Stars
 * payment → "payment received" → {@code /start} → My subscription against the whole shop ({@link
 * LoadShop}: real PostgreSQL and Redis, the Bot API simulator enforcing Telegram's limits, the
 * bot's default throttle, long polling). Reports p50/p99 of the bot's response time per action and
 * overall — from the user's update arriving at the simulator to the bot's answering request
 * arriving there, both on the simulator's clock — the payment-to-notice time apart (it includes the
 * outbox worker's 500 ms polling), updates/s, the simulator's 429 count, and checks that nothing
 * was lost: every user has an active subscription and exactly one paid payment.
 *
 * <p><b>Pacing.</b> Telegram allows a bot about 30 messages/s overall and 1 per second per chat,
 * and the throttle keeps to both by queueing. Users who acted instantly would measure those
 * deliberate waits, not the bot, so each user waits for the answer and then thinks: uniform in
 * [0.5, 1.5] × T, never under 1.5 s (the per-chat window), with T = users / 15 s, which keeps the
 * shop's outgoing messages (about one per action) near 15/s, half the global limit, so bursts
 * rarely queue. Users start spread uniformly over the first T. So updates/s here is the offered
 * load the limits allow, not the dispatcher's capacity (that is {@code
 * DispatcherOverheadBenchmark}).
 *
 * <p><b>Transports.</b> The run is made twice in one process, each on a fresh shop: updates
 * delivered by webhook (the simulator posts to the shop's {@code WebhookServer}) and by long
 * polling (the example bot's mode without a public URL), so the transport's share of the response
 * time shows side by side ({@value #TRANSPORTS_PROPERTY}{@code =webhook} runs one). Before the
 * measured users, a cohort of a tenth as many (at least 10) runs the same flow at the floor think
 * time to warm the JIT, the pools and the caches; its figures are dropped.
 *
 * <pre>
 * java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp shop-benchmarks/target/benchmarks.jar \
 *     io.github.remnawaveshop.benchmarks.telegram.ShopLoadBenchmark [users] [result.json]
 * </pre>
 */
public final class ShopLoadBenchmark {
  static final double MESSAGES_PER_SECOND = 15.0;
  static final Duration THINK_FLOOR = Duration.ofMillis(1_500);
  static final long FIRST_USER = 700_000_000L;
  static final long WARMUP_FIRST_USER = 600_000_000L;

  /** System property listing the transports to run, in order (default {@code webhook,polling}). */
  static final String TRANSPORTS_PROPERTY = "shop.bench.load.transports";

  private ShopLoadBenchmark() {}

  /**
   * Builds the shop, runs the users, checks and prints (and optionally writes) a JSON result.
   *
   * @param args {@code [users] [result.json]}
   * @throws Exception when the shop cannot be set up
   */
  public static void main(String[] args) throws Exception {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Path out = args.length > 1 ? Path.of(args[1]) : null;
    Duration meanThink =
        Duration.ofMillis(
            Math.max(THINK_FLOOR.toMillis(), (long) (users / MESSAGES_PER_SECOND * 1000)));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "ShopLoadBenchmark");
    result.put("users", users);
    result.put("meanThinkMillis", meanThink.toMillis());
    for (String transport : System.getProperty(TRANSPORTS_PROPERTY, "webhook,polling").split(",")) {
      result.put(transport.trim(), run(transport.trim(), users, meanThink));
    }
    BenchResults.write(result, out);
  }

  private static Map<String, Object> run(String transport, int users, Duration meanThink)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (LoadShop shop = new LoadShop(transport)) {
      int warmup = Math.max(10, users / 10);
      System.out.printf(
          "%s: warm-up: %d users at a 1.5 s mean think time, not measured%n", transport, warmup);
      Cohort warm = Cohort.run(shop, WARMUP_FIRST_USER, warmup, THINK_FLOOR, 1);
      if (!warm.failures.isEmpty()) {
        throw new IllegalStateException("the warm-up failed: " + warm.failures.subList(0, 1));
      }
      long delivered = shop.tg.updatesDelivered();
      int violations = shop.tg.rateLimitViolations();
      System.out.printf(
          "%s: %d users, mean think %d ms: running%n", transport, users, meanThink.toMillis());
      long start = System.nanoTime();
      Cohort run = Cohort.run(shop, FIRST_USER, users, meanThink, 42);
      List<StepTiming> timings = run.timings;
      List<Instant[]> notices = run.notices;
      List<String> failures = run.failures;
      double seconds = (System.nanoTime() - start) / 1e9;
      result.put("wallSeconds", BenchResults.round(seconds));
      result.put("warmupUsers", warmup);
      result.put("updatesDelivered", shop.tg.updatesDelivered() - delivered);
      result.put(
          "updatesPerSecond",
          BenchResults.round((shop.tg.updatesDelivered() - delivered) / seconds));
      result.put("http429", shop.tg.rateLimitViolations() - violations);
      result.put("botSaw429", shop.bot.rateLimitedCount());
      result.put(
          "maxMessagesInAnySecond", shop.tg.maxAcceptedInWindow(null, Duration.ofSeconds(1)));
      result.put("latencyMillis", latencies(shop, timings));
      double[] notice = notices.stream().mapToDouble(n -> StepTiming.millis(n[0], n[1])).toArray();
      result.put(
          "paymentToNoticeMillis",
          Map.of(
              "count",
              notice.length,
              "p50",
              BenchResults.round(BenchResults.percentile(notice, 50)),
              "p99",
              BenchResults.round(BenchResults.percentile(notice, 99))));
      result.put("failures", failures.size());
      result.put("failureSamples", failures.stream().limit(5).toList());
      result.put("check", check(shop, FIRST_USER, users));
    }
    return result;
  }

  private static Map<String, Object> latencies(LoadShop shop, List<StepTiming> timings) {
    List<RecordedRequest> requests = shop.tg.requests();
    Map<Long, List<RecordedRequest>> edits =
        requests.stream()
            .filter(r -> r.method().startsWith("edit") && r.chatId().isPresent())
            .collect(Collectors.groupingBy(r -> r.chatId().get()));
    Map<String, Instant> preCheckout = new HashMap<>();
    requests.stream()
        .filter(r -> r.method().equals("answerPreCheckoutQuery"))
        .forEach(
            r ->
                preCheckout.putIfAbsent(r.params().path("pre_checkout_query_id").asText(), r.at()));
    Map<String, List<Double>> byStep = new TreeMap<>();
    List<Double> all = new ArrayList<>();
    synchronized (timings) {
      for (StepTiming t : timings) {
        double ms = StepTiming.millis(t.sentAt(), t.answeredAt(edits, preCheckout));
        byStep.computeIfAbsent(t.step(), k -> new ArrayList<>()).add(ms);
        all.add(ms);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("all", summary(all));
    byStep.forEach((step, values) -> r.put(step, summary(values)));
    return r;
  }

  private static Map<String, Object> summary(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", v.length);
    s.put("p50", BenchResults.round(BenchResults.percentile(v, 50)));
    s.put("p90", BenchResults.round(BenchResults.percentile(v, 90)));
    s.put("p99", BenchResults.round(BenchResults.percentile(v, 99)));
    s.put("max", BenchResults.round(BenchResults.percentile(v, 100)));
    return s;
  }

  private static Map<String, Object> check(LoadShop shop, long firstUser, int users) {
    int active = 0;
    int exactlyOnePaid = 0;
    List<Long> wrong = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      long tgId = firstUser + i;
      boolean hasActive = shop.engine.activeSubscription(tgId).isPresent();
      Optional<User> user = shop.store.users().findByTelegramId(tgId);
      long paid =
          user.map(
                  u ->
                      shop
                          .store
                          .payments()
                          .listByUser(u.id(), PageRequest.first(50))
                          .items()
                          .stream()
                          .filter(p -> p.status() == PaymentStatus.PAID)
                          .count())
              .orElse(0L);
      active += hasActive ? 1 : 0;
      exactlyOnePaid += paid == 1 ? 1 : 0;
      if (!hasActive || paid != 1) {
        wrong.add(tgId);
      }
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("usersWithActiveSubscription", active);
    c.put("usersWithExactlyOnePaidPayment", exactlyOnePaid);
    c.put("pendingUpdatesAtEnd", shop.tg.pendingUpdates());
    c.put("nothingLost", wrong.isEmpty() && shop.tg.pendingUpdates() == 0);
    c.put("wrongUsersSample", wrong.stream().limit(10).toList());
    return c;
  }
}
