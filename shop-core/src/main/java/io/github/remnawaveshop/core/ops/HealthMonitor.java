package io.github.remnawaveshop.core.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks with timeouts and response-time thresholds and caches the report briefly.
 *
 * <p>Each check runs on the monitor's own daemon threads and is abandoned after its timeout, so a
 * hanging dependency cannot hang {@link #check()}; a timed-out check is {@link
 * HealthStatus#UNHEALTHY}. A check that answers slower than its degraded threshold is {@link
 * HealthStatus#DEGRADED}. The overall status is the worst component's. Reports are cached for
 * {@link Builder#cacheFor(Duration)} (default 5 s), so a health endpoint polled often costs one
 * probe per dependency per period.
 *
 * <p>Bounded: the pool has one thread per check at most and its queue room for one probe per check,
 * and a probe still running (one that ignored the interrupt at its timeout) is not started again:
 * until it returns, its check is reported {@link HealthStatus#UNHEALTHY} as "previous probe still
 * running". No lock is held while probes run; callers that arrive while a check is running share
 * its report. Thread-safe; {@link #close()} stops its threads, and a check after that reports every
 * component {@link HealthStatus#UNHEALTHY} ("the health monitor is closed") instead of throwing, so
 * a health endpoint that outlives the monitor during shutdown answers 503.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

  private final List<Entry> entries;
  private final Duration cacheFor;
  private final Clock clock;
  private final ThreadPoolExecutor executor;

  /** Per check, its last probe (running or done); a running one is not started again. */
  private final AtomicReferenceArray<Running> lastProbe;

  private final Object lock = new Object();
  private @Nullable HealthReport cached; // guarded by lock
  private @Nullable CompletableFuture<HealthReport> refreshing; // guarded by lock

  private record Entry(HealthCheck check, Duration degradedAfter, Duration timeout) {}

  /**
   * A check as added to the builder: thresholds not given take the builder's defaults in {@code
   * build()}.
   */
  private record Pending(
      HealthCheck check, @Nullable Duration degradedAfter, @Nullable Duration timeout) {}

  /**
   * One probe: its future, when it was submitted, and whether its body began and has returned. A
   * probe cancelled at its timeout may still run (it ignored the interrupt); one cancelled before a
   * thread took it never runs, so it must not count as running.
   */
  private static final class Running {
    final long startNanos = System.nanoTime();
    volatile boolean began;
    volatile boolean returned;
    @Nullable Future<String>
        future; // set right after the submit; null only if the submit was refused

    boolean stillRunning() {
      return began && !returned;
    }
  }

  private HealthMonitor(Builder b, List<Entry> entries) {
    this.entries = List.copyOf(entries);
    this.cacheFor = b.cacheFor;
    this.clock = b.clock;
    this.lastProbe = new AtomicReferenceArray<>(entries.size());
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(1, entries.size());
    // at most one probe per check is ever outstanding (a running one is not started again), so the
    // queue
    // never needs more room than there are checks; a bounded queue makes that a checked limit
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads),
            r -> {
              Thread t = new Thread(r, "shop-health-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.executor.allowCoreThreadTimeOut(true);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The current report, from cache when younger than the cache period; joins a check already
   * running.
   */
  public HealthReport check() {
    CompletableFuture<HealthReport> running;
    boolean mine = false;
    synchronized (lock) {
      Instant now = clock.instant();
      HealthReport last = cached;
      if (last != null && last.checkedAt().plus(cacheFor).isAfter(now)) {
        return last;
      }
      CompletableFuture<HealthReport> current = refreshing;
      if (current == null) {
        current = new CompletableFuture<>();
        refreshing = current;
        mine = true;
      }
      running = current;
    }
    if (mine) {
      HealthReport report;
      try {
        report = runAll(clock.instant());
      } catch (RuntimeException | Error e) {
        synchronized (lock) {
          refreshing = null;
        }
        running.completeExceptionally(e);
        throw e;
      }
      synchronized (lock) {
        cached = report;
        refreshing = null;
      }
      running.complete(report);
      return report;
    }
    return join(running);
  }

  /** Waits for another caller's check; bounded by the longest check timeout. */
  private static HealthReport join(CompletableFuture<HealthReport> running) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return running.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("health check failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private HealthReport runAll(Instant now) {
    List<Running> probes = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Running previous = lastProbe.get(i);
      if (previous != null && previous.stillRunning()) {
        probes.add(previous); // still running past its timeout: do not start a second one
        continue;
      }
      Running r = new Running();
      HealthCheck check = entries.get(i).check;
      try {
        r.future =
            executor.submit(
                () -> {
                  r.began = true;
                  try {
                    return check.probe();
                  } finally {
                    r.returned = true;
                  }
                });
      } catch (RejectedExecutionException closed) {
        probes.add(null); // closed: reported below, nothing was started
        continue;
      }
      lastProbe.set(i, r);
      probes.add(r);
    }
    List<ComponentHealth> results = new ArrayList<>();
    HealthStatus overall = HealthStatus.HEALTHY;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Running r = probes.get(i);
      Future<String> f = r == null ? null : r.future;
      ComponentHealth h =
          r == null || f == null
              ? closed(e, now)
              : f.isCancelled() ? stillRunning(e, r, now) : await(e, r, f, now);
      if (h.status() != HealthStatus.HEALTHY) {
        log.warn(
            "Health of {} is {} ({} ms): {}",
            h.name(),
            h.status(),
            h.responseTime().toMillis(),
            h.detail());
      }
      results.add(h);
      overall = overall.worse(h.status());
    }
    return new HealthReport(overall, results, now);
  }

  private static ComponentHealth closed(Entry e, Instant now) {
    return new ComponentHealth(
        e.check.name(),
        HealthStatus.UNHEALTHY,
        Duration.ZERO,
        "not probed: the health monitor is closed",
        now);
  }

  private static ComponentHealth stillRunning(Entry e, Running r, Instant now) {
    Duration running = Duration.ofNanos(System.nanoTime() - r.startNanos);
    return new ComponentHealth(
        e.check.name(),
        HealthStatus.UNHEALTHY,
        running,
        "previous probe still running after "
            + running.toMillis()
            + " ms (it ignored the interrupt at its "
            + e.timeout.toMillis()
            + " ms timeout); not started again until it returns",
        now);
  }

  private static ComponentHealth await(Entry e, Running r, Future<String> f, Instant now) {
    long start = r.startNanos;
    long remaining = e.timeout.toNanos() - (System.nanoTime() - start);
    try {
      String detail = f.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      HealthStatus status =
          took.compareTo(e.degradedAfter) > 0 ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
      return new ComponentHealth(e.check.name(), status, took, detail == null ? "" : detail, now);
    } catch (TimeoutException te) {
      f.cancel(true);
      return new ComponentHealth(
          e.check.name(),
          HealthStatus.UNHEALTHY,
          e.timeout,
          "no answer within " + e.timeout.toMillis() + " ms",
          now);
    } catch (ExecutionException ee) {
      Throwable cause = ee.getCause() == null ? ee : ee.getCause();
      return new ComponentHealth(
          e.check.name(),
          HealthStatus.UNHEALTHY,
          Duration.ofNanos(System.nanoTime() - start),
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          now);
    } catch (CancellationException ce) {
      return new ComponentHealth(
          e.check.name(),
          HealthStatus.UNHEALTHY,
          Duration.ofNanos(System.nanoTime() - start),
          "cancelled (the monitor is closing)",
          now);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return new ComponentHealth(
          e.check.name(), HealthStatus.UNHEALTHY, Duration.ZERO, "interrupted", now);
    }
  }

  /** Names of the registered checks. */
  public List<String> componentNames() {
    return entries.stream().map(e -> e.check.name()).toList();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Builder of {@link HealthMonitor}; not thread-safe. */
  public static final class Builder {
    private final List<Pending> entries = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private Duration cacheFor = Duration.ofSeconds(5);
    private Duration defaultDegradedAfter = Duration.ofMillis(500);
    private Duration defaultTimeout = Duration.ofSeconds(3);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a check with the default thresholds (degraded after 500 ms, unhealthy after 3 s). */
    public Builder check(HealthCheck check) {
      return add(check, null, null);
    }

    /**
     * Adds a check with its own thresholds.
     *
     * @param degradedAfter slower answers are {@link HealthStatus#DEGRADED}
     * @param timeout no answer by then is {@link HealthStatus#UNHEALTHY}
     */
    public Builder check(HealthCheck check, Duration degradedAfter, Duration timeout) {
      return add(check, positive(degradedAfter, "degradedAfter"), positive(timeout, "timeout"));
    }

    private Builder add(
        HealthCheck check, @Nullable Duration degradedAfter, @Nullable Duration timeout) {
      Objects.requireNonNull(check, "check");
      if (!names.add(check.name())) {
        throw new IllegalArgumentException(
            "a check named '" + check.name() + "' was already added");
      }
      entries.add(new Pending(check, degradedAfter, timeout));
      return this;
    }

    /** Default degraded threshold for checks added without one (500 ms). */
    public Builder degradedAfter(Duration d) {
      this.defaultDegradedAfter = positive(d, "degradedAfter");
      return this;
    }

    /** Default timeout for checks added without one (3 s). */
    public Builder timeout(Duration d) {
      this.defaultTimeout = positive(d, "timeout");
      return this;
    }

    /** How long a report is reused (default 5 s; zero disables caching). */
    public Builder cacheFor(Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("cacheFor must be zero or more; was " + d);
      }
      this.cacheFor = d;
      return this;
    }

    /** The clock for report times and caching. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the monitor. */
    public HealthMonitor build() {
      List<Entry> resolved = new ArrayList<>();
      for (Pending e : entries) {
        Duration degraded = e.degradedAfter == null ? defaultDegradedAfter : e.degradedAfter;
        Duration timeout = e.timeout == null ? defaultTimeout : e.timeout;
        if (degraded.compareTo(timeout) >= 0) {
          throw new IllegalArgumentException(
              "degradedAfter ("
                  + degraded
                  + ") must be shorter than timeout ("
                  + timeout
                  + ") for check '"
                  + e.check.name()
                  + "'");
        }
        resolved.add(new Entry(e.check, degraded, timeout));
      }
      return new HealthMonitor(this, resolved);
    }

    private static Duration positive(@Nullable Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive; was " + d);
      }
      return d;
    }
  }
}
