package io.github.remnawaveshop.telegram;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Bot API simulator and a bot pointed at it, fresh for each test: {@code @RegisterExtension final
 * SimulatedBot tg = SimulatedBot.unthrottled();}.
 */
public final class SimulatedBot implements BeforeEachCallback, AfterEachCallback {
  private final Throttle throttle;
  private BotApiSimulator sim;
  private TelegramBot bot;

  private SimulatedBot(Throttle throttle) {
    this.throttle = throttle;
  }

  /** A bot without limits of its own (the simulator enforces none either). */
  public static SimulatedBot unthrottled() {
    return new SimulatedBot(Throttle.unlimited());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sim = BotApiSimulator.builder().botUsername("shop_test_bot").build();
    bot =
        TelegramBot.builder()
            .token(Secret.of(sim.token()))
            .baseUrl(sim.baseUrl())
            .throttle(throttle)
            .build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    bot.close();
    sim.close();
  }

  /** The simulator of the running test. */
  public BotApiSimulator sim() {
    return sim;
  }

  /** The bot of the running test. */
  public TelegramBot bot() {
    return bot;
  }
}
