package io.github.remnawaveshop.benchmarks.telegram;

import io.github.remnawaveshop.telegram.dispatch.Texts;
import io.github.remnawaveshop.telegram.shop.ShopBot;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.PaymentOutcome;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import io.github.remnawaveshop.testkit.telegram.SimulatedChat;
import io.github.remnawaveshop.testkit.telegram.SimulatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One simulated shop user of {@link ShopLoadBenchmark}: {@code /start} → Buy → the Basic plan → pay
 * with Telegram Stars (the invoice link is paid through the simulator: pre-checkout query, then the
 * successful payment) → wait for the "payment received" notice (sent by the outbox worker, so timed
 * apart: payment → notice) → {@code /start} → My subscription. Each action waits for the bot's
 * answer, then thinks for a random time ({@code thinkMillis}), so the figure is the bot's response
 * time and not the throttle's deliberate per-chat or global waits. Records each action's arrival
 * and answer times on the simulator's clock.
 */
final class LoadUser implements Runnable {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Texts TEXTS = Texts.builder().bundle(ShopBot.TEXTS).build();

  private final BotApiSimulator tg;
  private final Clock clock;
  private final SimulatedUser user;
  private final SimulatedChat chat;
  private final long startDelayMillis;
  private final LongSupplier thinkMillis;
  private final List<StepTiming> timings;
  private final List<Instant[]> paymentToNotice;
  private final List<String> failures;

  LoadUser(
      BotApiSimulator tg,
      Clock clock,
      long id,
      long startDelayMillis,
      LongSupplier thinkMillis,
      List<StepTiming> timings,
      List<Instant[]> paymentToNotice,
      List<String> failures) {
    this.tg = tg;
    this.clock = clock;
    this.user = tg.user(id).name("User" + id).language("en");
    this.chat = tg.chat(id);
    this.startDelayMillis = startDelayMillis;
    this.thinkMillis = thinkMillis;
    this.timings = timings;
    this.paymentToNotice = paymentToNotice;
    this.failures = failures;
  }

  private static String en(String key, Object... args) {
    return TEXTS.get("en", key, args);
  }

  @Override
  public void run() {
    try {
      Thread.sleep(startDelayMillis);
      step("start", () -> user.sends("/start"), "Fast and private VPN");
      step("buy", () -> user.presses(en("menu.buy")), en("buy.title"));
      step("plan", () -> user.presses(en("buy.plan.button", "Basic", 30, "$4.99")), "Price: $4.99");
      SentMessage checkout =
          step(
              "method",
              () -> user.presses(en("buy.method.button", "Telegram Stars", "100 ⭐")),
              "is ready");
      String link = checkout.keyboard().get(0).get(0).url().orElseThrow();
      Set<String> before = seen();
      Instant payAt = clock.instant();
      PaymentOutcome outcome = user.pays(tg.invoiceLink(link));
      if (!outcome.approved()) {
        throw new IllegalStateException("payment declined: " + outcome.errorMessage().orElse("-"));
      }
      timings.add(
          new StepTiming(
              "preCheckout",
              chat.id(),
              payAt,
              0,
              payAt,
              Optional.of(outcome.preCheckoutQueryId())));
      SentMessage notice =
          chat.awaitMessage(
              m -> fresh(m, before) && m.plainText().contains("Payment received"), WAIT);
      paymentToNotice.add(new Instant[] {payAt, notice.date()});
      think();
      step("start2", () -> user.sends("/start"), "Fast and private VPN");
      step("subscription", () -> user.presses(en("menu.subscription")), "Valid until");
    } catch (RuntimeException | InterruptedException e) {
      failures.add("user " + user.id() + ": " + e);
    }
  }

  private SentMessage step(String name, Runnable action, String expect)
      throws InterruptedException {
    Set<String> before = seen();
    Instant at = clock.instant();
    action.run();
    SentMessage m =
        chat.awaitMessage(x -> fresh(x, before) && x.plainText().contains(expect), WAIT);
    timings.add(new StepTiming(name, chat.id(), at, m.messageId(), m.date(), Optional.empty()));
    think();
    return m;
  }

  private void think() throws InterruptedException {
    Thread.sleep(thinkMillis.getAsLong());
  }

  private Set<String> seen() {
    return chat.messages().stream().map(LoadUser::version).collect(Collectors.toSet());
  }

  private static String version(SentMessage m) {
    return m.messageId() + "|" + m.edited() + "|" + m.plainText();
  }

  private static boolean fresh(SentMessage m, Set<String> before) {
    return !m.deleted() && !before.contains(version(m));
  }

  /** Think times uniform in [0.5, 1.5] × {@code mean}, never under {@code floor}. */
  static LongSupplier thinkTimes(Duration mean, Duration floor, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> {
      long ms = (long) (mean.toMillis() * (0.5 + random.nextDouble()));
      return Math.max(floor.toMillis(), ms);
    };
  }
}
