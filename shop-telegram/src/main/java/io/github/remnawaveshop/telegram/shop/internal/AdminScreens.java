package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.ops.ComponentHealth;
import io.github.remnawaveshop.core.ops.HealthReport;
import io.github.remnawaveshop.core.ops.backup.BackupManifest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.ReconcileReport;
import io.github.remnawaveshop.core.subscription.ShopStatistics;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.methods.SendDocument;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin panel: only the configured admins reach these routes; everyone else gets nothing from
 * them.
 */
public final class AdminScreens {
  /** Admin screens: menu, stats, health, users, bc, promos, plans, sync, backup, maint. */
  public static final CallbackCodec<String> ADMIN = CallbackCodec.ofString("a");

  /** Archives up to this size are sent to the admin chat (Telegram bots may upload up to 50 MB). */
  static final long MAX_UPLOAD = 45L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(AdminScreens.class);

  private final ShopServices s;
  private final AdminUsers users;
  private final AdminBroadcasts broadcasts;
  private final AdminPromos promos;

  private AdminScreens(ShopServices s, BroadcastRunner runner) {
    this.s = s;
    this.users = new AdminUsers(s, this);
    this.broadcasts = new AdminBroadcasts(s, this, runner);
    this.promos = new AdminPromos(s, this);
  }

  /** The "Admin" button of the main menu. */
  public static io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton entryButton(
      Context ctx) {
    return ADMIN.button(ctx.t("menu.admin"), "menu");
  }

  /** The admin router. */
  public static Router router(ShopServices s, BroadcastRunner runner) {
    return new AdminScreens(s, runner).build();
  }

  private Router build() {
    Router.Builder r =
        Router.builder("shop-admin")
            .filter(Filters.userId(s::isAdmin))
            .command("admin", this::menu)
            .callback(
                ADMIN,
                (ctx, screen) -> {
                  switch (screen) {
                    case "stats" -> stats(ctx);
                    case "health" -> health(ctx);
                    case "users" -> users.ask(ctx);
                    case "bc" -> broadcasts.ask(ctx);
                    case "promos" -> promos.list(ctx);
                    case "plans" -> plans(ctx);
                    case "sync" -> sync(ctx);
                    case "backup" -> backup(ctx);
                    case "maint" -> toggleMaintenance(ctx);
                    default -> menu(ctx);
                  }
                });
    users.register(r);
    broadcasts.register(r);
    promos.register(r);
    return r.build();
  }

  void menu(Context ctx) {
    if (ctx.hasFsm()) {
      ctx.fsm().clear();
    }
    ShopStatistics now = s.engine().statistics(s.clock().instant());
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.builder()
            .row(
                ADMIN.button(ctx.t("admin.stats"), "stats"),
                ADMIN.button(ctx.t("admin.health"), "health"))
            .row(
                ADMIN.button(ctx.t("admin.users"), "users"),
                ADMIN.button(ctx.t("admin.broadcast"), "bc"))
            .row(
                ADMIN.button(ctx.t("admin.promos"), "promos"),
                ADMIN.button(ctx.t("admin.plans"), "plans"))
            .row(
                ADMIN.button(ctx.t("admin.sync"), "sync"),
                ADMIN.button(ctx.t("admin.backup"), "backup"))
            .row(
                ADMIN.button(
                    ctx.t(
                        s.maintenance().active()
                            ? "admin.maintenance.on"
                            : "admin.maintenance.off"),
                    "maint"))
            .row(Screens.back(ctx))
            .build();
    Screens.show(
        ctx, ctx.t("admin.title", now.usersTotal(), now.usersWithActiveSubscription()), kb);
  }

  InlineKeyboardMarkup backToAdmin(Context ctx) {
    return InlineKeyboardMarkup.column(List.of(ADMIN.button(ctx.t("menu.back"), "menu")));
  }

  private void stats(Context ctx) {
    Instant now = s.clock().instant();
    ShopStatistics today =
        s.engine().statistics(now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant());
    ShopStatistics week = s.engine().statistics(now.minus(Duration.ofDays(7)));
    ShopStatistics month = s.engine().statistics(now.minus(Duration.ofDays(30)));
    Screens.show(
        ctx,
        ctx.t(
            "admin.stats.body",
            today.usersTotal(),
            today.usersWithActiveSubscription(),
            today.activeTrials(),
            today.usersNewSince(),
            today.trialsGranted(),
            revenue(ctx, today.revenue()),
            week.usersNewSince(),
            week.trialsGranted(),
            revenue(ctx, week.revenue()),
            month.usersNewSince(),
            month.trialsGranted(),
            revenue(ctx, month.revenue())),
        backToAdmin(ctx));
  }

  private static String revenue(Context ctx, Map<String, Money> revenue) {
    if (revenue.isEmpty()) {
      return ctx.t("admin.stats.none");
    }
    return revenue.values().stream().map(Formats::money).sorted().collect(Collectors.joining(", "));
  }

  private void health(Context ctx) {
    if (s.health().isEmpty()) {
      Screens.show(ctx, ctx.t("admin.health.none"), backToAdmin(ctx));
      return;
    }
    HealthReport report = s.health().get().check();
    StringBuilder lines = new StringBuilder();
    for (ComponentHealth c : report.components()) {
      lines
          .append(
              switch (c.status()) {
                case HEALTHY -> "🟢 ";
                case DEGRADED -> "🟡 ";
                default -> "🔴 ";
              })
          .append(Html.escape(c.name()))
          .append(" — ")
          .append(c.responseTime().toMillis())
          .append(" ms");
      if (!c.detail().isBlank()) {
        lines
            .append(" (")
            .append(
                Html.escape(c.detail().length() > 80 ? c.detail().substring(0, 80) : c.detail()))
            .append(')');
      }
      lines.append('\n');
    }
    Screens.show(
        ctx,
        ctx.t("admin.health.body", report.status().name(), lines.toString().trim()),
        backToAdmin(ctx));
  }

  private void plans(Context ctx) {
    StringBuilder lines = new StringBuilder();
    for (Plan p : s.engine().catalog()) {
      lines
          .append("• <b>")
          .append(Html.escape(p.title()))
          .append("</b> <code>")
          .append(Html.escape(p.code()))
          .append("</code>, ")
          .append(p.durationDays())
          .append(" d, ")
          .append(
              p.prices().values().stream().map(Formats::money).collect(Collectors.joining(" / ")))
          .append('\n');
    }
    Screens.show(ctx, ctx.t("admin.plans.title", lines.toString().trim()), backToAdmin(ctx));
  }

  private void sync(Context ctx) {
    ctx.answer();
    ReconcileReport r = s.engine().reconcile();
    Screens.show(
        ctx,
        r.skipped()
            ? ctx.t("admin.sync.skipped")
            : ctx.t(
                "admin.sync.body",
                r.checked(),
                r.missingOnPanel(),
                r.expiryDrift(),
                r.statusDrift(),
                r.errors()),
        backToAdmin(ctx));
  }

  private void backup(Context ctx) {
    if (s.backups().isEmpty()) {
      Screens.show(ctx, ctx.t("admin.backup.none"), backToAdmin(ctx));
      return;
    }
    ctx.answer();
    BackupManifest m = s.backups().get().backup();
    String size = Formats.bytes(m.archiveBytes(), "0 MB");
    Path archive =
        s.backupDirectory().map(d -> d.resolve(m.archiveFile())).orElse(Path.of(m.archiveFile()));
    if (m.archiveBytes() <= MAX_UPLOAD && Files.isReadable(archive)) {
      try {
        ctx.send(
            SendDocument.upload(
                    ctx.chatId(), InputFile.binary(m.archiveFile(), Files.readAllBytes(archive)))
                .caption(ctx.t("admin.backup.done", m.id(), size)));
        return;
      } catch (IOException e) {
        log.warn("Could not read backup archive {}: {}", archive, e.toString());
      }
    }
    Screens.show(
        ctx,
        ctx.t("admin.backup.path", Html.escape(m.id()), size, Html.escape(archive.toString())),
        backToAdmin(ctx));
  }

  private void toggleMaintenance(Context ctx) {
    boolean changed =
        s.maintenance().active() ? s.maintenance().switchOff() : s.maintenance().switchOn();
    if (changed) {
      tellAdmins(
          s,
          s.maintenance().active() ? "admin.maintenance.started" : "admin.maintenance.ended",
          "admin.maintenance.reason.manual");
    }
    menu(ctx);
  }

  /**
   * Tells every admin something, in their language, with an optional reason key as argument {0}.
   */
  static void tellAdmins(ShopServices s, String key, String reasonKey) {
    for (long admin : s.admins()) {
      String lang =
          s.store()
              .users()
              .findByTelegramId(admin)
              .map(u -> u.language())
              .orElse(s.texts().defaultLanguage());
      String text = s.texts().get(lang, key, s.texts().get(lang, reasonKey));
      s.bot()
          .executeAsync(SendMessage.to(admin, text).parseMode(ParseMode.HTML))
          .exceptionally(
              e -> {
                log.warn("Could not tell admin {}: {}", admin, e.getMessage());
                return null;
              });
    }
  }
}
