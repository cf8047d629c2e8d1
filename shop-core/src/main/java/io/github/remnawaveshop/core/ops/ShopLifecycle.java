package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a shop's components in dependency order and stops them in reverse, gracefully: on {@link
 * #close()}, on SIGINT/SIGTERM once {@link #installSignalHandlers()} was called, or at JVM exit.
 *
 * <p>Shutdown goes in four steps, all within one {@linkplain Builder#shutdownBudget(Duration)
 * shutdown budget} (default 20 s, so that it ends well inside Kubernetes' default 30 s grace
 * period):
 *
 * <ol>
 *   <li>stop the components, in reverse start order, each within {@linkplain
 *       Builder#stopTimeout(Duration) its stop timeout} (default 5 s). Components are the producers
 *       (a poller, a scheduler, an HTTP front): while they stop, {@link #submit} still accepts
 *       work, so what a poller fetched before it stopped is handled;
 *   <li>stop taking new work — {@link #submit} throws {@link ShutdownInProgressException} — and let
 *       tracked in-flight tasks finish until the {@linkplain Builder#shutdownDeadline(Duration)
 *       drain deadline} (default 10 s);
 *   <li>cancel (interrupt) what is left and log each cancelled task by name;
 *   <li>close the resources (HTTP clients, Redis, connection pool) in reverse order, each within
 *       its stop timeout.
 * </ol>
 *
 * A stop that does not return in time is interrupted, abandoned (its daemon thread cannot keep the
 * JVM alive) and named in the {@link ShutdownReport}; once the budget is spent, the remaining stops
 * are begun but not awaited. A shutdown that lands while {@link #start()} runs waits (up to a stop
 * timeout) for the component being started, stops it and the ones before it, and starts no more; a
 * start that outlives that wait is stopped by the starting thread as soon as it returns. Work that
 * was cancelled must be safe to redo: the store's outbox and payments are designed so that a job
 * abandoned mid-flight is claimed again on the next start.
 *
 * <p>Ownership: the lifecycle closes every {@linkplain Builder#resource resource} it is given, in
 * reverse order of registration, after every {@linkplain Builder#component component} has stopped
 * (components stop in reverse order of registration too; the two lists are kept apart, so a
 * resource registered between two components still closes after both), and it does so whether or
 * not {@link #start()} ran. It owns its task threads and stops them in step 3. {@link #start()}
 * adds a JVM shutdown hook (removed again by {@link #shutdown()}) but never touches the process's
 * signal handlers: SIGINT/SIGTERM handling is opt-in, through {@link #installSignalHandlers()},
 * because replacing a process-wide handler is the application's decision, not a library's.
 *
 * <p>Thread-safe. Shutting down is idempotent; the library never calls {@code System.exit}. Typical
 * main:
 *
 * <pre>{@code
 * try (ShopLifecycle lifecycle = ShopLifecycle.builder()
 *     .component(outboxWorker).component(poller)
 *     .resource("postgres pool", dataSource)
 *     .build()) {
 *   lifecycle.start();
 *   lifecycle.installSignalHandlers();
 *   lifecycle.awaitShutdown();
 * }
 * }</pre>
 */
public final class ShopLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShopLifecycle.class);

  /**
   * Default {@link Builder#shutdownBudget(Duration)}: 20 s, 10 s inside Kubernetes' default grace
   * period.
   */
  public static final Duration DEFAULT_SHUTDOWN_BUDGET = Duration.ofSeconds(20);

  /** Default {@link Builder#shutdownDeadline(Duration)} (the drain of tracked tasks): 10 s. */
  public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  /**
   * Default {@link Builder#stopTimeout(Duration)} (each component's stop, each resource's close): 5
   * s.
   */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

  private final List<Managed> components;
  private final List<Managed> resources;
  private final Duration budget;
  private final Duration deadline;
  private final Duration stopTimeout;
  private final TrackedTasks tasks;

  /**
   * Held to read the state and enqueue in {@link #submit}; held exclusively to stop taking work.
   */
  private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();

  /** Guards {@link #started}, {@link #stopSnapshotTaken} and the state's start/stop transitions. */
  private final Object lock = new Object();

  private final List<Managed> started = new ArrayList<>();
  private boolean stopSnapshotTaken;
  private volatile State state = State.NEW;
  private volatile @Nullable Thread startingThread;
  private final CountDownLatch startLoopDone = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object shutdownLock = new Object();
  private volatile @Nullable ShutdownReport report;
  private volatile @Nullable Thread hook;

  /** STARTING to STOPPING accept work; DRAINING and STOPPED refuse it. */
  private enum State {
    NEW,
    STARTING,
    RUNNING,
    STOPPING,
    DRAINING,
    STOPPED
  }

  private ShopLifecycle(Builder b) {
    this.components = List.copyOf(b.components);
    this.resources = List.copyOf(b.resources);
    this.budget = b.budget;
    this.deadline = b.deadline;
    this.stopTimeout = b.stopTimeout;
    this.tasks = new TrackedTasks(b.threads);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The whole shutdown's budget: components, drain and resources together. */
  public Duration shutdownBudget() {
    return budget;
  }

  /** How long tracked tasks may run once the components have stopped (the drain deadline). */
  public Duration shutdownDeadline() {
    return deadline;
  }

  /** How long one component's stop or one resource's close is awaited. */
  public Duration stopTimeout() {
    return stopTimeout;
  }

  /**
   * Starts every component in registration order. If one fails, the ones already started are
   * stopped in reverse and the failure is thrown. If shutdown begins meanwhile, the component being
   * started is let finish its start and is stopped with the others; no further component is
   * started.
   *
   * @throws IllegalStateException if already started or shut down, if a component failed to start,
   *     or if shutdown began while starting (the message names the components that were not
   *     started)
   */
  public void start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("lifecycle can be started once; it is " + state);
      }
      state = State.STARTING;
      startingThread = Thread.currentThread();
    }
    Thread h = new Thread(this::shutdown, "shop-shutdown-hook");
    hook = h;
    Runtime.getRuntime().addShutdownHook(h);
    List<String> notStarted = new ArrayList<>();
    try {
      for (Managed c : components) {
        synchronized (lock) {
          if (state != State.STARTING) {
            notStarted.add(c.name());
            continue;
          }
        }
        try {
          log.info("Starting {}", c.name());
          c.start();
        } catch (Exception e) {
          log.error("Component {} failed to start; stopping the ones already started", c.name(), e);
          startLoopDone.countDown();
          shutdown();
          throw new IllegalStateException(
              "component '" + c.name() + "' failed to start: " + e.getMessage(), e);
        }
        boolean tooLate;
        synchronized (lock) {
          tooLate = stopSnapshotTaken;
          if (!tooLate) {
            started.add(c);
          }
        }
        if (tooLate) {
          // shutdown stopped waiting for this start and went on without it: stop it here
          log.warn(
              "Component {} finished starting after shutdown had moved on; stopping it", c.name());
          List<String> failures = new ArrayList<>();
          TimedStop.stopWithin(c, stopTimeout, failures, "stop");
          failures.forEach(f -> log.error("Late stop failed: {}", f));
        }
      }
    } finally {
      startLoopDone.countDown();
      startingThread = null;
    }
    synchronized (lock) {
      if (state == State.STARTING) {
        state = State.RUNNING;
        return;
      }
    }
    throw new IllegalStateException("shutdown began while starting; not started: " + notStarted);
  }

  /**
   * Runs a task on the lifecycle's executor and tracks it until it ends. Accepted from {@link
   * #start()} until the components have stopped, so a component that hands over work while it stops
   * is not refused.
   *
   * @param name a name for the shutdown report and logs (an update id, a job id)
   * @throws ShutdownInProgressException when the components have stopped and the drain has begun
   */
  public <T> Future<T> submit(String name, Callable<T> task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    intake.readLock().lock();
    try {
      State s = state;
      if (s != State.STARTING && s != State.RUNNING && s != State.STOPPING) {
        throw new ShutdownInProgressException(name);
      }
      try {
        return tasks.submit(name, task);
      } catch (RejectedExecutionException e) {
        throw new ShutdownInProgressException(name);
      }
    } finally {
      intake.readLock().unlock();
    }
  }

  /** {@link #submit(String, Callable)} for a task without a result. */
  public Future<?> submit(String name, Runnable task) {
    Objects.requireNonNull(task, "task");
    return submit(
        name,
        () -> {
          task.run();
          return null;
        });
  }

  /** Number of tracked tasks queued or running. */
  public int inFlightCount() {
    return tasks.inFlightCount();
  }

  /**
   * Whether shutdown has begun (components may still be stopping and {@link #submit} still
   * accepting).
   */
  public boolean isShuttingDown() {
    State s = state;
    return s == State.STOPPING || s == State.DRAINING || s == State.STOPPED;
  }

  /**
   * Opt-in: makes SIGINT and SIGTERM shut the lifecycle down gracefully instead of killing the JVM
   * at once (nothing else installs signal handlers, {@link #start()} included); replaces the
   * process's handlers for both signals; after that, {@link #awaitShutdown()} returns and the
   * application's main can return normally (exit code 0). Uses the JDK's {@code sun.misc.Signal}
   * when present; otherwise the JVM shutdown hook still stops everything gracefully, but the exit
   * code is then the signal's.
   *
   * @return whether signal handlers were installed
   */
  public boolean installSignalHandlers() {
    return SignalHandlers.install(this::shutdown, "shop-signal-shutdown");
  }

  /** Blocks until shutdown has completed. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Shuts down gracefully, once, within the shutdown budget; later calls wait for the first one and
   * return its report.
   */
  public ShutdownReport shutdown() {
    synchronized (shutdownLock) {
      ShutdownReport done = report;
      if (done != null) {
        return done;
      }
      long t0 = System.nanoTime();
      long end = t0 + budget.toNanos();
      List<String> failures = new ArrayList<>();
      State before;
      synchronized (lock) {
        before = state;
        state = State.STOPPING;
      }
      log.info(
          "Shutting down within {} ms: {} tracked task(s) in flight",
          budget.toMillis(),
          tasks.inFlightCount());

      // 0. a start in progress: let the component being started finish, so that it is stopped below
      if (before == State.STARTING && Thread.currentThread() != startingThread) {
        awaitStartLoop(left(end, stopTimeout), failures);
      }
      List<Managed> toStop;
      synchronized (lock) {
        stopSnapshotTaken = true;
        toStop = new ArrayList<>(started);
      }

      // 1. the producers first, while submit still accepts what they hand over
      for (int i = toStop.size() - 1; i >= 0; i--) {
        TimedStop.stopWithin(toStop.get(i), left(end, stopTimeout), failures, "stop");
      }

      // 2. no more work; drain what is tracked
      Set<Future<?>> atDrain;
      intake.writeLock().lock();
      try {
        state = State.DRAINING;
        atDrain = tasks.stopIntake();
      } finally {
        intake.writeLock().unlock();
      }
      Duration drain = left(end, deadline);
      boolean finished = tasks.awaitDrain(drain);

      // 3. cancel what is left; cancel tracked tasks first, so one that returns quietly when
      // interrupted still counts
      List<String> cancelled = List.of();
      if (!finished) {
        cancelled = tasks.cancelRemaining();
        log.warn(
            "Deadline reached after {} ms of draining: cancelled {} task(s): {}",
            drain.toMillis(),
            cancelled.size(),
            cancelled);
      }
      int completed = TrackedTasks.completed(atDrain);

      // 4. resources last
      for (int i = resources.size() - 1; i >= 0; i--) {
        TimedStop.stopWithin(resources.get(i), left(end, stopTimeout), failures, "close");
      }
      synchronized (lock) {
        state = State.STOPPED;
      }
      ShutdownReport made =
          new ShutdownReport(
              completed, cancelled, failures, Duration.ofNanos(System.nanoTime() - t0));
      report = made;
      log.info(
          "Shutdown complete in {} ms: {} finished, {} cancelled, {} stop failure(s)",
          made.took().toMillis(),
          completed,
          cancelled.size(),
          failures.size());
      removeHook();
      stopped.countDown();
      return made;
    }
  }

  private void awaitStartLoop(Duration max, List<String> failures) {
    boolean done;
    try {
      done = startLoopDone.await(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      String starting;
      synchronized (lock) {
        starting =
            components.stream()
                .filter(c -> !started.contains(c))
                .map(Managed::name)
                .findFirst()
                .orElse("?");
      }
      failures.add(
          starting
              + ": still starting after "
              + max.toMillis()
              + " ms; the starting thread stops it when its start returns");
      log.warn(
          "Component {} is still starting after {} ms; shutting down without waiting for it",
          starting,
          max.toMillis());
    }
  }

  /** What is left of the budget, at most {@code cap}; zero once it is spent. */
  private static Duration left(long endNanos, Duration cap) {
    long left = Math.max(0, endNanos - System.nanoTime());
    return left < cap.toNanos() ? Duration.ofNanos(left) : cap;
  }

  private void removeHook() {
    Thread h = hook;
    if (h != null && Thread.currentThread() != h) {
      try {
        Runtime.getRuntime().removeShutdownHook(h);
      } catch (IllegalStateException alreadyExiting) {
        // the JVM is exiting; the hook is running or ran
      }
    }
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /** Builder of {@link ShopLifecycle}; not thread-safe. */
  public static final class Builder {
    private final List<Managed> components = new ArrayList<>();
    private final List<Managed> resources = new ArrayList<>();
    private Duration budget = DEFAULT_SHUTDOWN_BUDGET;
    private Duration deadline = DEFAULT_SHUTDOWN_DEADLINE;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * Adds a component; components start in the order added and stop in reverse, before the drain.
     */
    public Builder component(Managed component) {
      components.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /**
     * Adds a resource closed after the drain (pools, clients): resources close in reverse order of
     * registration, after every component has stopped, also when the lifecycle was never started.
     */
    public Builder resource(String name, AutoCloseable resource) {
      resources.add(
          Managed.closing(
              Objects.requireNonNull(name, "name"), Objects.requireNonNull(resource, "resource")));
      return this;
    }

    /**
     * The whole shutdown's budget (default 20 s): stops, drain and closes together never wait
     * longer. Set it a few seconds below what the platform grants between SIGTERM and SIGKILL:
     * Kubernetes 30 s by default ({@code terminationGracePeriodSeconds}, preStop hooks included),
     * Docker 10 s ({@code docker stop -t}, compose {@code stop_grace_period}), systemd 90 s ({@code
     * TimeoutStopSec}).
     */
    public Builder shutdownBudget(Duration budget) {
      if (budget == null || budget.isZero() || budget.isNegative()) {
        throw new IllegalArgumentException("shutdownBudget must be positive; was " + budget);
      }
      this.budget = budget;
      return this;
    }

    /**
     * How long tracked tasks may run once the components have stopped (default 10 s); must be
     * shorter than the budget.
     */
    public Builder shutdownDeadline(Duration deadline) {
      if (deadline == null || deadline.isNegative()) {
        throw new IllegalArgumentException(
            "shutdownDeadline must be zero or more; was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * How long one component's stop or one resource's close is awaited (default 5 s); must be
     * shorter than the budget. A stop still running then is interrupted and abandoned.
     */
    public Builder stopTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("stopTimeout must be positive; was " + timeout);
      }
      this.stopTimeout = timeout;
      return this;
    }

    /** Threads running tracked tasks (default: the number of cores, at least 2). */
    public Builder taskThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("taskThreads must be at least 1; was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Builds a lifecycle; call {@link ShopLifecycle#start()} next.
     *
     * @throws IllegalArgumentException when the drain deadline or the stop timeout is not shorter
     *     than the budget
     */
    public ShopLifecycle build() {
      if (deadline.compareTo(budget) >= 0) {
        throw new IllegalArgumentException(
            "shutdownDeadline ("
                + deadline
                + ") must be shorter than shutdownBudget ("
                + budget
                + "): the components stop before the drain and the resources close after it, within the budget");
      }
      if (stopTimeout.compareTo(budget) >= 0) {
        throw new IllegalArgumentException(
            "stopTimeout ("
                + stopTimeout
                + ") must be shorter than shutdownBudget ("
                + budget
                + ")");
      }
      return new ShopLifecycle(this);
    }
  }
}
