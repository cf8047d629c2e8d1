package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.CreateUserRequest;
import io.github.remnawaveshop.core.panel.EnsuredUser;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.TrafficLimitStrategy;
import io.github.remnawaveshop.core.panel.UpdateUserRequest;
import io.github.remnawaveshop.core.panel.UserStatus;
import io.github.remnawaveshop.core.store.Plan;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.SubscriptionStatus;
import io.github.remnawaveshop.core.store.User;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one user's panel account in line with the shop database: the database is the truth for
 * paid time (expiry, status, plan limits); usage (traffic used, devices) is never touched.
 * Idempotent: running it twice leaves the panel as running it once ({@code ensureUser} never
 * creates a second account).
 *
 * <p>No transaction, connection or lock is held while the panel is called. Instead each sync reads
 * the subscription again after writing the panel: if it changed meanwhile (a payment landed,
 * another worker may have written older data after this one), it syncs again, so the last write
 * always carries the newest state.
 */
final class Provisioner {
  private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
  private static final int MAX_ROUNDS = 3;
  private final EngineContext ctx;

  Provisioner(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** What a sync did, for the notice. */
  record Synced(User user, Optional<Subscription> subscription, Optional<PanelUser> panelUser) {}

  /**
   * Syncs the user's panel account.
   *
   * @throws io.github.remnawaveshop.core.panel.PanelException when the panel fails; the caller
   *     retries
   */
  Synced sync(long userId) {
    Synced synced = null;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      User user =
          ctx.store()
              .users()
              .findById(userId)
              .orElseThrow(() -> new IllegalStateException("no user " + userId));
      Optional<Subscription> sub = ctx.store().subscriptions().findLatestByUserId(userId);
      synced = push(user, sub);
      synced
          .panelUser()
          .filter(p -> !user.panelUserId().equals(Optional.of(p.id())))
          .ifPresent(p -> ctx.store().users().setPanelUserId(userId, p.id()));
      Optional<Subscription> after = ctx.store().subscriptions().findLatestByUserId(userId);
      if (sameTime(sub, after)) {
        return synced;
      }
      log.info(
          "Subscription of user {} changed while its panel account was written; syncing again (round {})",
          user.telegramId(),
          round + 1);
    }
    return Objects.requireNonNull(synced, "synced"); // MAX_ROUNDS >= 1: the loop ran and set it
  }

  private static boolean sameTime(Optional<Subscription> a, Optional<Subscription> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() == b.isEmpty();
    }
    Subscription x = a.get();
    Subscription y = b.get();
    return x.id() == y.id()
        && x.status() == y.status()
        && x.endsAt().equals(y.endsAt())
        && x.planId().equals(y.planId())
        && x.trial() == y.trial();
  }

  private Synced push(User user, Optional<Subscription> sub) {
    Instant now = ctx.now();
    String username = ctx.panelUsername(user.telegramId());
    if (sub.isEmpty() || !isActiveAt(sub.get(), now)) {
      // no paid time: an existing account must not stay usable beyond what was paid
      Optional<PanelUser> existing = ctx.panel().findByUsername(username);
      if (existing.isPresent()
          && existing.get().status() == UserStatus.ACTIVE
          && existing.get().expireAt().isAfter(now)) {
        existing = Optional.of(ctx.panel().disableUser(existing.get().id()));
      }
      return new Synced(user, sub, existing);
    }
    Subscription s = sub.get();
    Limits limits = limits(s);
    CreateUserRequest create =
        CreateUserRequest.builder(username, s.endsAt())
            .status(UserStatus.ACTIVE)
            .telegramId(user.telegramId())
            .trafficLimitBytes(limits.trafficBytes)
            .trafficLimitStrategy(limits.strategy)
            .hwidDeviceLimit(limits.devices)
            .activeInternalSquads(limits.squads)
            .build();
    EnsuredUser ensured = ctx.panel().ensureUser(create);
    PanelUser panelUser = ensured.user();
    if (!ensured.created() && !matches(panelUser, s, limits)) {
      UpdateUserRequest.Builder update =
          UpdateUserRequest.byId(panelUser.id())
              .status(UserStatus.ACTIVE)
              .expireAt(s.endsAt())
              .trafficLimitBytes(limits.trafficBytes)
              .trafficLimitStrategy(limits.strategy)
              .hwidDeviceLimit(limits.devices);
      if (!limits.squads.isEmpty()) {
        update.activeInternalSquads(limits.squads);
      }
      panelUser = ctx.panel().updateUser(update.build());
    }
    return new Synced(user, sub, Optional.of(panelUser));
  }

  static boolean isActiveAt(Subscription s, Instant now) {
    return s.status() == SubscriptionStatus.ACTIVE && s.endsAt().isAfter(now);
  }

  private static boolean matches(PanelUser p, Subscription s, Limits l) {
    return p.status() == UserStatus.ACTIVE
        && p.expireAt().toEpochMilli() == s.endsAt().toEpochMilli()
        && p.trafficLimitBytes() == l.trafficBytes
        && p.trafficLimitStrategy() == l.strategy
        && p.hwidDeviceLimit().orElse(-1) == l.devices
        && (l.squads.isEmpty() || p.activeInternalSquads().equals(l.squads));
  }

  private record Limits(
      long trafficBytes, TrafficLimitStrategy strategy, int devices, List<String> squads) {}

  private Limits limits(Subscription s) {
    Optional<Plan> plan =
        s.trial() ? Optional.empty() : s.planId().flatMap(id -> ctx.store().plans().findById(id));
    if (plan.isPresent()) {
      Plan p = plan.get();
      TrafficLimitStrategy strategy;
      try {
        strategy = TrafficLimitStrategy.valueOf(p.trafficResetStrategy().name());
      } catch (IllegalArgumentException e) {
        strategy = TrafficLimitStrategy.NO_RESET;
      }
      return new Limits(
          p.trafficLimitBytes(),
          strategy,
          p.deviceLimit(),
          p.internalSquads().stream().map(UUID::toString).toList());
    }
    return new Limits(
        ctx.trial().trafficLimitBytes(),
        TrafficLimitStrategy.NO_RESET,
        ctx.trial().deviceLimit(),
        Objects.requireNonNull(ctx.trial().internalSquads()));
  }
}
