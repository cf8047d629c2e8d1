package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.CreateUserRequest;
import io.github.remnawaveshop.core.panel.EnsuredUser;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.TrafficLimitStrategy;
import io.github.remnawaveshop.core.panel.UpdateUserRequest;
import io.github.remnawaveshop.core.panel.UserStatus;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Brings one user's panel account in line with the shop database: the database is the truth for paid
 * time (expiry, status, plan limits); usage (traffic used, devices) is never touched. Idempotent: running
 * it twice leaves the panel as running it once ({@code ensureUser} never creates a second account).
 */
final class Provisioner {
  private final EngineContext ctx;

  Provisioner(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** What a sync did, for the notice. */
  record Synced(ShopUser user, Optional<Subscription> subscription, Optional<PanelUser> panelUser) {}

  /**
   * Syncs the user's panel account, reading the database through {@code h} (the job's transaction).
   *
   * @throws io.github.remnawaveshop.core.panel.PanelException when the panel fails; the caller retries
   */
  Synced sync(Handle h, long userId) {
    ShopUser user = Sql.userById(h, userId).orElseThrow(() -> new IllegalStateException("no user " + userId));
    Optional<Subscription> sub = Sql.latestSubscription(h, userId);
    Instant now = ctx.now();
    String username = ctx.panelUsername(user.telegramId());
    if (sub.isEmpty() || !sub.get().isActiveAt(now)) {
      // no paid time: an existing account must not stay usable beyond what was paid
      Optional<PanelUser> existing = ctx.panel().findByUsername(username);
      if (existing.isPresent() && existing.get().status() == UserStatus.ACTIVE
          && existing.get().expireAt().isAfter(now)) {
        existing = Optional.of(ctx.panel().disableUser(existing.get().id()));
      }
      return new Synced(user, sub, existing);
    }
    Subscription s = sub.get();
    Limits limits = limits(h, s);
    CreateUserRequest create = CreateUserRequest.builder(username, s.endsAt())
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
      UpdateUserRequest.Builder update = UpdateUserRequest.byId(panelUser.id())
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
    h.createUpdate("UPDATE shop_users SET panel_user_id = :p WHERE id = :id AND panel_user_id IS DISTINCT FROM :p")
        .bind("p", panelUser.id()).bind("id", userId).execute();
    return new Synced(user, sub, Optional.of(panelUser));
  }

  private static boolean matches(PanelUser p, Subscription s, Limits l) {
    return p.status() == UserStatus.ACTIVE && p.expireAt().toEpochMilli() == s.endsAt().toEpochMilli() && p.trafficLimitBytes() == l.trafficBytes
        && p.trafficLimitStrategy() == l.strategy
        && p.hwidDeviceLimit().orElse(-1) == l.devices
        && (l.squads.isEmpty() || p.activeInternalSquads().equals(l.squads));
  }

  private record Limits(long trafficBytes, TrafficLimitStrategy strategy, int devices, List<String> squads) {}

  private Limits limits(Handle h, Subscription s) {
    Optional<Plan> plan = s.planId().flatMap(id -> Sql.planById(h, id));
    if (plan.isPresent() && !s.trial()) {
      Plan p = plan.get();
      TrafficLimitStrategy strategy;
      try {
        strategy = TrafficLimitStrategy.valueOf(p.trafficResetStrategy());
      } catch (IllegalArgumentException e) {
        strategy = TrafficLimitStrategy.NO_RESET;
      }
      return new Limits(p.trafficLimitBytes(), strategy, p.deviceLimit(), p.internalSquads());
    }
    return new Limits(ctx.trial().trafficLimitBytes(), TrafficLimitStrategy.NO_RESET, ctx.trial().deviceLimit(),
        ctx.trial().internalSquads());
  }
}
