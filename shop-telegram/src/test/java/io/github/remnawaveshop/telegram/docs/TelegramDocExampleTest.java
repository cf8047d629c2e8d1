package io.github.remnawaveshop.telegram.docs;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Middlewares;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import io.github.remnawaveshop.telegram.transport.LongPolling;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The example at the top of docs/telegram.md, compiled and run against the simulator (keep the two
 * in step).
 */
class TelegramDocExampleTest {
  static final CallbackCodec<String> BUY = CallbackCodec.ofString("buy");

  static LongPolling example(
      String token, String apiUrl, FsmStorage fsm, RateLimiter limiter, Set<Long> admins) {
    // --- docs/telegram.md example begins
    TelegramBot bot =
        TelegramBot.builder()
            .token(Secret.of(token))
            .baseUrl(apiUrl) // (not in the doc: the simulator)
            .throttle(Throttle.telegramDefaults()) // 30/s overall, 1/s per chat, 20/min per group
            .build();

    Router router =
        Router.builder()
            .command(
                "start",
                ctx ->
                    ctx.reply(
                        ctx.t("greeting", Html.escape(ctx.user().orElseThrow().firstName())),
                        InlineKeyboardMarkup.column(List.of(BUY.button("Buy", "basic")))))
            .callback(
                BUY,
                (ctx, plan) ->
                    ctx.edit(
                        "You chose " + Html.escape(plan), InlineKeyboardMarkup.column(List.of())))
            .command("promo", ctx -> ctx.fsm().setState("promo.enter"))
            .state(
                "promo.enter",
                ctx -> {
                  ctx.fsm().clear();
                  ctx.reply("Code " + Html.escape(ctx.text()) + " noted");
                })
            .build();

    Dispatcher dispatcher =
        Dispatcher.builder()
            .bot(bot)
            .fsm(fsm) // core.fsm: Redis or memory
            .texts(Texts.bundle("my-texts")) // my-texts_ru.properties, my-texts_en.properties
            .use(Middlewares.rateLimit(limiter, admins::contains))
            .router(router)
            .build();

    LongPolling polling = LongPolling.builder().bot(bot).dispatcher(dispatcher).build();
    polling.start(); // or register it with ShopLifecycle
    // --- docs/telegram.md example ends
    return polling;
  }

  @Test
  void theDocumentedBotAnswersStartButtonsAndStates() throws Exception {
    try (BotApiSimulator sim = BotApiSimulator.builder().build();
        FsmStorage fsm = FsmStorage.builder().build();
        RateLimiter limiter = RateLimiter.builder().build()) {
      LongPolling polling = example(sim.token(), sim.baseUrl(), fsm, limiter, Set.of());
      try {
        sim.user(42).name("Ann <3").language("ru").sends("/start");
        sim.chat(42)
            .awaitMessage(m -> m.plainText().equals("Привет, Ann <3!"), Duration.ofSeconds(10));
        sim.user(42).presses("Buy");
        sim.chat(42)
            .awaitMessage(m -> m.plainText().equals("You chose basic"), Duration.ofSeconds(10));
        sim.user(42).sends("/promo");
        sim.user(42).sends("SPRING");
        sim.chat(42)
            .awaitMessage(m -> m.plainText().equals("Code SPRING noted"), Duration.ofSeconds(10));
      } finally {
        polling.stop();
      }
    }
  }
}
