package io.github.remnawaveshop.telegram.transport;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A bot process for {@link LongPollingTest}: journals each handled text and hangs forever on
 * "hang".
 */
public final class PollingChild {
  private PollingChild() {}

  /** Arguments: Bot API base URL, token, journal file. */
  public static void main(String[] args) throws Exception {
    Path journal = Path.of(args[2]);
    TelegramBot bot =
        TelegramBot.builder()
            .token(Secret.of(args[1]))
            .baseUrl(args[0])
            .throttle(Throttle.unlimited())
            .build();
    Router router =
        Router.builder()
            .text(
                Filters.any(),
                ctx -> {
                  if (ctx.text().equals("hang")) {
                    write(journal, "started:hang");
                    Thread.sleep(Long.MAX_VALUE);
                  }
                  write(journal, ctx.text());
                })
            .build();
    Dispatcher d = Dispatcher.builder().bot(bot).router(router).build();
    LongPolling.builder().bot(bot).dispatcher(d).timeout(Duration.ofSeconds(1)).build().start();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static synchronized void write(Path journal, String line) throws java.io.IOException {
    Files.writeString(
        journal,
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
