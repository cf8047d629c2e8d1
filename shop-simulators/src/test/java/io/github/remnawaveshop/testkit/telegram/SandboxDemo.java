package io.github.remnawaveshop.testkit.telegram;

import java.time.Duration;

/**
 * Runs the chat sandbox with {@link FakeShopBot} for a person (or a headless browser) to look at:
 * {@code SandboxDemo [port] [--scripted]}. With {@code --scripted}, Alice has already bought a plan
 * so the page shows every kind of message.
 */
public final class SandboxDemo {
  private SandboxDemo() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean scripted = args.length > 1 && args[1].equals("--scripted");
    BotApiSimulator sim =
        BotApiSimulator.builder().botUsername("vpn_shop_bot").botName("VPN Shop").build();
    ChatSandbox sandbox =
        ChatSandbox.builder()
            .simulator(sim)
            .user(1001, "Alice")
            .user(1002, "Bob")
            .user(1, "Admin")
            .title("Shop sandbox")
            .build();
    FakeShopBot bot = new FakeShopBot(sim);
    String url = sandbox.serve(port);
    if (scripted) {
      SimulatedUser alice = sim.user(1001);
      alice.sends("/start");
      sim.chat(1001).awaitMessage(m -> m.hasButton("Buy"), Duration.ofSeconds(10));
      alice.sends("<script>alert('xss')</script> & <b>not bold</b>");
      sim.chat(1001).awaitMessages(2, Duration.ofSeconds(10));
      alice.presses("Buy");
      SimulatedInvoice invoice =
          sim.chat(1001)
              .awaitMessage(m -> m.invoice().isPresent(), Duration.ofSeconds(10))
              .invoice()
              .orElseThrow();
      alice.pays(invoice);
      sim.chat(1001).awaitMessage(m -> m.document().isPresent(), Duration.ofSeconds(10));
      new Wire(sim)
          .call(
              "sendMessage",
              "chat_id",
              1001,
              "parse_mode",
              "HTML",
              "text",
              "Bot text is escaped: <a href=\"javascript:alert(1)\">js link</a> &lt;img src=x onerror=alert(1)&gt;"
                  + " and a <tg-spoiler>spoiler</tg-spoiler>");
    }
    System.out.println("sandbox: " + url);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bot.close();
                  sandbox.close();
                  sim.close();
                }));
    Thread.currentThread().join();
  }
}
