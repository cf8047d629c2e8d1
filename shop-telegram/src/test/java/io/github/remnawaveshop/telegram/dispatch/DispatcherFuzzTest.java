package io.github.remnawaveshop.telegram.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutated real-shaped updates through the dispatcher: truncated, with characters dropped,
 * types swapped, values nulled or oversized. Nothing may throw out of {@code feed}, every update
 * must end with a result, and no chat may be left stuck.
 */
class DispatcherFuzzTest {
  private static final List<String> SEEDS =
      List.of(
          Updates.message(1, 42, "/start ref_abc"),
          Updates.message(2, 42, "hello <b>there</b> \"quoted\""),
          Updates.message(3, 7, -100500, "group text"),
          Updates.callback(4, 42, "buy:basic:30", 12),
          "{\"update_id\":5,\"pre_checkout_query\":{\"id\":\"pcq\",\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"A\"},"
              + "\"currency\":\"XTR\",\"total_amount\":100,\"invoice_payload\":\"order-1\"}}",
          "{\"update_id\":6,\"message\":{\"message_id\":9,\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"A\"},"
              + "\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,\"successful_payment\":{\"currency\":\"XTR\","
              + "\"total_amount\":100,\"invoice_payload\":\"order-1\",\"telegram_payment_charge_id\":\"ch_1\","
              + "\"provider_payment_charge_id\":\"p\"}}}",
          "{\"update_id\":7,\"my_chat_member\":{\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,"
              + "\"is_bot\":false,\"first_name\":\"A\"},\"date\":1,\"old_chat_member\":{\"status\":\"member\",\"user\":{\"id\":1,"
              + "\"is_bot\":true,\"first_name\":\"bot\"}},\"new_chat_member\":{\"status\":\"kicked\",\"user\":{\"id\":1,"
              + "\"is_bot\":true,\"first_name\":\"bot\"}}}}",
          "{\"update_id\":8,\"edited_message\":{\"message_id\":3,\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,"
              + "\"text\":\"edited\",\"photo\":[{\"file_id\":\"f\",\"file_unique_id\":\"u\",\"width\":1,\"height\":1}]}}");
  private static final String[] GARBAGE = {
    "null",
    "-1",
    "1e309",
    "\"\"",
    "[]",
    "{}",
    "true",
    "\"\\u0000\"",
    "99999999999999999999999",
    "\"" + "x".repeat(5000) + "\"",
    "{\"a\":{\"b\":{\"c\":[[[]]]}}}"
  };

  @Test
  void tenThousandMutatedUpdatesNeitherCrashNorStick() throws Exception {
    Random random = new Random(20261201);
    Map<DispatchResult, Integer> results = new EnumMap<>(DispatchResult.class);
    try (BotApiSimulator sim = BotApiSimulator.builder().build();
        TelegramBot bot =
            TelegramBot.builder()
                .token(Secret.of(sim.token()))
                .baseUrl(sim.baseUrl())
                .throttle(Throttle.unlimited())
                .build();
        FsmStorage fsm = FsmStorage.builder().build()) {
      Router router =
          Router.builder()
              .command("start", ctx -> ctx.fsm().setState("started:" + ctx.commandArgs().length()))
              .callback(
                  DispatcherTest.BUY, (ctx, buy) -> ctx.fsm().update(Map.of("plan", buy.plan())))
              .text(
                  Filters.any(),
                  ctx -> {
                    if (ctx.text().hashCode() % 13 == 0) {
                      throw new IllegalStateException("a handler that throws now and then");
                    }
                    ctx.attribute("len", ctx.text().length());
                  })
              .preCheckout(ctx -> ctx.preCheckoutQuery().orElseThrow().invoicePayload().length())
              .successfulPayment(
                  ctx ->
                      ctx.message().orElseThrow().successfulPayment().orElseThrow().totalAmount())
              .on(Filters.any(), ctx -> ctx.user().map(u -> u.fullName()).orElse(""))
              .build();
      List<CompletableFuture<DispatchResult>> futures = new ArrayList<>();
      try (Dispatcher d =
          Dispatcher.builder()
              .bot(bot)
              .fsm(fsm)
              .router(router)
              .maxPendingUpdates(20_000)
              .withoutDefaultMiddlewares()
              .use(Middlewares.errors().andSilently())
              .build()) {
        for (int i = 0; i < 10_000; i++) {
          String json = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random, 100_000 + i);
          futures.add(d.feed(json));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .get(120, TimeUnit.SECONDS);
        assertThat(d.pending()).isZero();
      }
      for (CompletableFuture<DispatchResult> f : futures) {
        results.merge(f.get(), 1, Integer::sum);
      }
    }
    assertThat(results.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    assertThat(results).containsKeys(DispatchResult.HANDLED, DispatchResult.MALFORMED);
  }

  private static String mutate(String seed, Random r, long id) {
    String json = seed.replaceFirst("\"update_id\":\\d+", "\"update_id\":" + id);
    int rounds = 1 + r.nextInt(3);
    for (int k = 0; k < rounds; k++) {
      int at = json.isEmpty() ? 0 : r.nextInt(json.length());
      switch (r.nextInt(7)) {
        case 0 -> json = json.substring(0, at); // truncated
        case 1 ->
            json =
                json.substring(0, at)
                    + json.substring(Math.min(json.length(), at + 1 + r.nextInt(5)));
        case 2 -> json = json.replaceFirst(":(\\d+)", ":\"$1\""); // number as string
        case 3 -> json = json.replaceFirst(":\"[^\"]*\"", ":" + GARBAGE[r.nextInt(GARBAGE.length)]);
        case 4 ->
            json = json.replaceFirst(":\\{", ":" + GARBAGE[r.nextInt(GARBAGE.length)] + ",\"_\":{");
        case 5 -> json = json.substring(0, at) + (char) r.nextInt(128) + json.substring(at);
        default -> {} // unchanged: a valid update
      }
    }
    return json;
  }
}
