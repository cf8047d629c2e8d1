package io.github.remnawaveshop.core.panel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** Loads the recorded panel payloads under {@code src/test/resources/panel}. */
final class PanelFixtures {
  private PanelFixtures() {}

  static String json(String name) {
    try (InputStream in = PanelFixtures.class.getResourceAsStream("/panel/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse ok(String name) {
    return answer(200, json(name));
  }

  static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }
}
