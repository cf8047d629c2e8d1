package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.DeleteWebhook;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.transport.LongPolling;
import io.github.remnawaveshop.telegram.transport.WebhookServer;

/**
 * How updates arrive: with {@code PUBLIC_URL}, Telegram's webhook at {@code <PUBLIC_URL>/telegram}
 * mounted on the HTTP front (registered with {@code setWebhook} on start); otherwise long polling
 * (after removing a webhook left from an earlier webhook-mode run, since Telegram refuses {@code
 * getUpdates} while one is set).
 */
final class Transport {
  static final String WEBHOOK_PATH = "/telegram";

  private Transport() {}

  static Managed open(
      ShopConfig config,
      TelegramBot bot,
      Dispatcher dispatcher,
      HttpFront front,
      StartupReport report) {
    if (config.publicUrl().isPresent()) {
      WebhookServer.Builder b =
          WebhookServer.builder()
              .bot(bot)
              .dispatcher(dispatcher)
              .path(WEBHOOK_PATH)
              .publicUrl(config.publicUrl().get() + WEBHOOK_PATH);
      config.telegramWebhookSecret().map(Secret::of).ifPresent(b::secretToken);
      WebhookServer webhook = b.build();
      front.mount(WEBHOOK_PATH, webhook.handler());
      return webhook;
    }
    LongPolling polling = LongPolling.builder().bot(bot).dispatcher(dispatcher).build();
    if (config.botToken().isEmpty()) {
      return polling;
    }
    return new Managed() {
      @Override
      public String name() {
        return polling.name();
      }

      @Override
      public void start() throws Exception {
        bot.execute(new DeleteWebhook(false));
        polling.start();
      }

      @Override
      public void stop() throws Exception {
        polling.stop();
      }
    };
  }
}
