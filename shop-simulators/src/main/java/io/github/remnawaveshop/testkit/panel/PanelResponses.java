package io.github.remnawaveshop.testkit.panel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/** Turns the simulator's answers into MockWebServer responses. Not API. */
final class PanelResponses {
  private PanelResponses() {}

  /** The answer as JSON, its headers sent after {@code headersDelay} (zero: at once). */
  static MockResponse respond(SimulatedAnswer answer, Duration headersDelay) {
    MockResponse.Builder b = new MockResponse.Builder().code(answer.status());
    if (answer.body() != null) {
      b.setHeader("Content-Type", "application/json; charset=utf-8").body(answer.body().toString());
    }
    if (!headersDelay.isZero()) {
      b.headersDelay(headersDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
    return b.build();
  }

  /** No answer: the connection is closed as the response would start. */
  static MockResponse drop() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }
}
