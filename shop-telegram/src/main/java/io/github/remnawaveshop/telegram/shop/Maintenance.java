package io.github.remnawaveshop.telegram.shop;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Maintenance mode: while on, users get a short notice instead of purchase and trial buttons;
 * payments already made are still credited. Switched by an admin ({@link #switchOn}/{@link
 * #switchOff}) or entered on its own while the panel's health check fails ({@link
 * #panelDown}/{@link #panelUp}); the shop tells admins when it starts and ends. Thread-safe.
 */
public final class Maintenance {
  private final Clock clock;
  private final AtomicReference<State> state = new AtomicReference<>(new State(false, false, null));

  Maintenance(Clock clock) {
    this.clock = clock;
  }

  /** Whether users are in maintenance mode now (manual or automatic). */
  public boolean active() {
    State s = state.get();
    return s.manual || s.automatic;
  }

  /** Whether an admin switched it on. */
  public boolean manual() {
    return state.get().manual;
  }

  /** Whether it is on because the panel is down. */
  public boolean automatic() {
    return state.get().automatic;
  }

  /** When the current maintenance began. */
  public Optional<Instant> since() {
    return Optional.ofNullable(state.get().since);
  }

  /** An admin switches it on; true when this changed the mode. */
  public boolean switchOn() {
    return update(true, null);
  }

  /**
   * An admin switches it off (automatic mode stays while the panel is down); true when this changed
   * the mode.
   */
  public boolean switchOff() {
    return update(false, null);
  }

  /** The panel's health check failed; true when this started maintenance. */
  public boolean panelDown() {
    return update(null, true);
  }

  /** The panel's health check passes again; true when this ended maintenance. */
  public boolean panelUp() {
    return update(null, false);
  }

  private boolean update(Boolean manual, Boolean automatic) {
    while (true) {
      State old = state.get();
      boolean m = manual == null ? old.manual : manual;
      boolean a = automatic == null ? old.automatic : automatic;
      boolean was = old.manual || old.automatic;
      boolean now = m || a;
      State next = new State(m, a, now ? (was ? old.since : clock.instant()) : null);
      if (state.compareAndSet(old, next)) {
        return was != now;
      }
    }
  }

  private record State(boolean manual, boolean automatic, Instant since) {}
}
