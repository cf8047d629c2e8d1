package io.github.remnawaveshop.core.subscription.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The outbox job kinds the engine writes and its worker takes, with their database values. */
enum OutboxKind {
  /** Bring the user's panel account in line with the database, then notify. */
  PROVISION("panel.provision"),
  /** Send an expiry reminder if the subscription still ends when it was planned for. */
  REMINDER("notify.reminder"),
  /** Send a notice about the user's latest subscription. */
  NOTICE("notify.notice");

  /** The database values of all kinds: what the engine's worker claims (and nothing else). */
  static final Set<String> WIRE =
      Arrays.stream(values()).map(k -> k.wire).collect(Collectors.toUnmodifiableSet());

  final String wire;

  OutboxKind(String wire) {
    this.wire = wire;
  }

  static Optional<OutboxKind> of(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
