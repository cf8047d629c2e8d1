package io.github.remnawaveshop.testkit.panel;

import java.time.Duration;
import java.util.regex.Pattern;

/** A queued failure of the simulator, consumed by matching requests. Not API. */
final class SimulatedFault {
  enum Type {
    STATUS,
    DELAY,
    DROP,
    LOSE_RESPONSE
  }

  final Pattern request;
  final Type type;
  final int status;
  final Duration delay;
  final long retryAfterSeconds;
  int remaining;

  SimulatedFault(
      Pattern request, Type type, int count, int status, Duration delay, long retryAfterSeconds) {
    this.request = request;
    this.type = type;
    this.remaining = count;
    this.status = status;
    this.delay = delay;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  boolean matches(String requestLine) {
    return remaining > 0 && request.matcher(requestLine).matches();
  }
}
