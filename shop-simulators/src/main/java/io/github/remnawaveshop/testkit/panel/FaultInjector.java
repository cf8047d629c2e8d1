package io.github.remnawaveshop.testkit.panel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * The simulator's queued failures and what each does to a request: per request pattern, consumed in
 * the order queued; a failure answers instead of the panel ({@link SimulatedFault.Type#STATUS},
 * {@link SimulatedFault.Type#DROP}) or after the panel applied the request ({@link
 * SimulatedFault.Type#DELAY}, {@link SimulatedFault.Type#LOSE_RESPONSE}). Callers hold the
 * simulator's lock for {@link #add}, {@link #take} and {@link #clear}. Not API.
 */
final class FaultInjector {
  private final List<SimulatedFault> faults = new ArrayList<>();

  /**
   * Where a slow failure's time passes (a test clock's advance), or null to really delay the
   * answer.
   */
  private final Consumer<Duration> timePasses;

  FaultInjector(Consumer<Duration> timePasses) {
    this.timePasses = timePasses;
  }

  /**
   * A failure for the next {@code count} requests matching {@code regex}, checked before it is
   * queued.
   *
   * @throws IllegalArgumentException for a count below 1 or a STATUS failure that is not an HTTP
   *     error
   */
  static SimulatedFault fault(
      String regex,
      SimulatedFault.Type type,
      int count,
      int status,
      Duration delay,
      long retryAfter) {
    Objects.requireNonNull(regex, "requestRegex");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1 but was " + count);
    }
    if (type == SimulatedFault.Type.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException(
          "status must be an HTTP error (400-599) but was " + status);
    }
    return new SimulatedFault(Pattern.compile(regex), type, count, status, delay, retryAfter);
  }

  void add(SimulatedFault fault) {
    faults.add(fault);
  }

  void clear() {
    faults.clear();
  }

  /**
   * Consumes one use of the first failure matching {@code "METHOD /path"}; null when none matches.
   */
  SimulatedFault take(String requestLine) {
    for (Iterator<SimulatedFault> it = faults.iterator(); it.hasNext(); ) {
      SimulatedFault f = it.next();
      if (f.matches(requestLine)) {
        f.remaining--;
        if (f.remaining == 0) {
          it.remove();
        }
        return f;
      }
    }
    return null;
  }

  /**
   * The response the failure gives instead of applying the request, or null when the request is
   * applied.
   */
  MockResponse instead(SimulatedFault fault) {
    if (fault == null) {
      return null;
    }
    switch (fault.type) {
      case STATUS:
        return status(fault);
      case DROP:
        return PanelResponses.drop();
      default:
        return null;
    }
  }

  /** The response to a request the panel applied, under the failure (null: none). */
  static MockResponse afterApplying(SimulatedFault fault, SimulatedAnswer answer) {
    if (fault != null && fault.type == SimulatedFault.Type.LOSE_RESPONSE) {
      return PanelResponses.drop();
    }
    boolean delayed = fault != null && fault.type == SimulatedFault.Type.DELAY;
    return PanelResponses.respond(answer, delayed ? fault.delay : Duration.ZERO);
  }

  /** An HTML error page, as a reverse proxy in front of a down panel answers. */
  private MockResponse status(SimulatedFault fault) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(fault.status)
            .setHeader("Content-Type", "text/html")
            .body("<html><body><h1>" + fault.status + "</h1>simulated</body></html>");
    if (fault.retryAfterSeconds >= 0) {
      b.setHeader("Retry-After", Long.toString(fault.retryAfterSeconds));
    }
    if (!fault.delay.isZero()) {
      if (timePasses != null) {
        // simulated time: the answer "took" that long on the test's clock, no real wait
        timePasses.accept(fault.delay);
      } else {
        b.headersDelay(fault.delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    return b.build();
  }
}
