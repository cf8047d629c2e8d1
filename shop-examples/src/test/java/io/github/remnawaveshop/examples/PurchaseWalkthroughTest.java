package io.github.remnawaveshop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The walkthrough runs end to end and shows one panel user for a webhook delivered twice. */
class PurchaseWalkthroughTest {

  @Test
  void walkthroughCreditsOnceAndCreatesThePanelUserOnce() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      PurchaseWalkthrough.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains(
            "payment webhook delivery #1 answered 200",
            "payment webhook delivery #2 answered 200",
            "panel users created in total: 1",
            "second worker run does nothing: 0 job(s); panel users created: 1");
    assertThat(out.lines().filter(l -> l.contains("PAYMENT_CREDITED")).count()).isEqualTo(1);
  }
}
