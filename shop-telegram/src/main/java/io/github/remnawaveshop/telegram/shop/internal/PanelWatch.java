package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.ops.ComponentHealth;
import io.github.remnawaveshop.core.ops.HealthReport;
import io.github.remnawaveshop.core.ops.HealthStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enters maintenance mode while the health monitor reports the panel down, and leaves it when it is
 * back.
 */
public final class PanelWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PanelWatch.class);

  private final ShopServices s;
  private final Duration every;
  private ScheduledExecutorService timer;

  /**
   * A watch.
   *
   * @param s the shop
   * @param every how often to check
   */
  public PanelWatch(ShopServices s, Duration every) {
    this.s = s;
    this.every = every;
  }

  /** Starts checking (nothing happens without a health monitor). */
  public synchronized void start() {
    if (s.health().isEmpty() || timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "shop-panel-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::checkOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One check: reads the panel component of the health report and switches maintenance. */
  public void checkOnce() {
    try {
      HealthReport report = s.health().orElseThrow().check();
      boolean down =
          report.components().stream()
              .filter(c -> c.name().equals("panel"))
              .map(ComponentHealth::status)
              .anyMatch(st -> st == HealthStatus.UNHEALTHY);
      if (down && s.maintenance().panelDown()) {
        log.warn("The panel is down: maintenance mode on");
        AdminScreens.tellAdmins(s, "admin.maintenance.started", "admin.maintenance.reason.panel");
      } else if (!down && s.maintenance().panelUp()) {
        log.info("The panel is back: maintenance mode off");
        AdminScreens.tellAdmins(s, "admin.maintenance.ended", "admin.maintenance.reason.panel");
      }
    } catch (RuntimeException e) {
      log.warn("Panel watch failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
