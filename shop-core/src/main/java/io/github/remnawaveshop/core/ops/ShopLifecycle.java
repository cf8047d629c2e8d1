package io.github.remnawaveshop.core.ops;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a shop's components in dependency order and stops them in reverse, gracefully: on
 * {@link #close()}, on SIGINT/SIGTERM once {@link #installSignalHandlers()} was called, or at JVM exit.
 *
 * <p>Shutdown goes in four steps: (1) stop taking new work — {@link #submit} throws
 * {@link ShutdownInProgressException}; (2) let tracked in-flight tasks finish until the deadline
 * (default 30 s); (3) cancel (interrupt) what is left and log each cancelled task by name; (4) stop the
 * components in reverse order, then close the resources (HTTP clients, Redis, connection pool) last.
 * Work that was cancelled must be safe to redo: the store's outbox and payments are designed so that a
 * job abandoned mid-flight is claimed again on the next start.
 *
 * <p>Thread-safe. Shutting down is idempotent; the library never calls {@code System.exit}. Typical main:
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

  private final List<Managed> components;
  private final List<Managed> resources;
  private final Duration deadline;
  private final ThreadPoolExecutor executor;
  private final Set<Tracked<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Managed> started = new ArrayList<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object shutdownLock = new Object();
  private volatile ShutdownReport report;
  private volatile Thread hook;

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private ShopLifecycle(Builder b) {
    this.components = List.copyOf(b.components);
    this.resources = List.copyOf(b.resources);
    this.deadline = b.deadline;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "shop-task-" + n.incrementAndGet());
      t.setDaemon(true); // a task stuck past the deadline must not keep the JVM alive
      return t;
    });
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts every component in registration order. If one fails, the ones already started are stopped in
   * reverse and the failure is thrown.
   *
   * @throws IllegalStateException if already started or shut down, or a component failed to start
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("lifecycle can be started once; it is " + state.get());
    }
    hook = new Thread(this::shutdown, "shop-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    for (Managed c : components) {
      try {
        log.info("Starting {}", c.name());
        c.start();
        synchronized (started) {
          started.add(c);
        }
      } catch (Exception e) {
        log.error("Component {} failed to start; stopping the ones already started", c.name(), e);
        shutdown();
        throw new IllegalStateException("component '" + c.name() + "' failed to start: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Runs a task on the lifecycle's executor and tracks it until it ends.
   *
   * @param name a name for the shutdown report and logs (an update id, a job id)
   * @throws ShutdownInProgressException when shutdown has begun
   */
  public <T> Future<T> submit(String name, Callable<T> task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    if (state.get() != State.RUNNING) {
      throw new ShutdownInProgressException(name);
    }
    Tracked<T> tracked = new Tracked<>(name, task);
    inFlight.add(tracked);
    try {
      executor.execute(tracked);
    } catch (RejectedExecutionException e) {
      inFlight.remove(tracked);
      throw new ShutdownInProgressException(name);
    }
    return tracked;
  }

  /** {@link #submit(String, Callable)} for a task without a result. */
  public Future<?> submit(String name, Runnable task) {
    Objects.requireNonNull(task, "task");
    return submit(name, () -> {
      task.run();
      return null;
    });
  }

  /** Number of tracked tasks queued or running. */
  public int inFlightCount() {
    return inFlight.size();
  }

  /** Whether shutdown has begun. */
  public boolean isShuttingDown() {
    State s = state.get();
    return s == State.STOPPING || s == State.STOPPED;
  }

  /**
   * Makes SIGINT and SIGTERM shut the lifecycle down gracefully instead of killing the JVM at once; after
   * that, {@link #awaitShutdown()} returns and the application's main can return normally (exit code 0).
   * Uses the JDK's {@code sun.misc.Signal} when present; otherwise the JVM shutdown hook still stops
   * everything gracefully, but the exit code is then the signal's.
   *
   * @return whether signal handlers were installed
   */
  public boolean installSignalHandlers() {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          log.info("Received signal {}; shutting down", args[0]);
          Thread t = new Thread(this::shutdown, "shop-signal-shutdown");
          t.start();
          return null;
        }
        return method.getName().equals("toString") ? "ShopLifecycleSignalHandler" : null;
      };
      Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      for (String name : List.of("INT", "TERM")) {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      }
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      log.warn("Could not install SIGINT/SIGTERM handlers ({}); relying on the JVM shutdown hook", e.toString());
      return false;
    }
  }

  /** Blocks until shutdown has completed. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Shuts down gracefully, once; later calls wait for the first one and return its report.
   */
  public ShutdownReport shutdown() {
    synchronized (shutdownLock) {
      if (report != null) {
        return report;
      }
      long t0 = System.nanoTime();
      state.set(State.STOPPING);
      Set<Tracked<?>> atStart = Set.copyOf(inFlight);
      log.info("Shutting down: {} tracked task(s) in flight, deadline {} s", atStart.size(), deadline.toSeconds());
      executor.shutdown();
      boolean finished;
      try {
        finished = executor.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      List<String> cancelled = new ArrayList<>();
      if (!finished) {
        // cancel our tracked tasks first, so an interrupted task that returns quietly still counts as cancelled
        for (Tracked<?> t : Set.copyOf(inFlight)) {
          if (t.cancel(true)) {
            cancelled.add(t.name);
          }
        }
        executor.shutdownNow();
        log.warn("Deadline reached: cancelled {} task(s): {}", cancelled.size(), cancelled);
      }
      int completed = (int) atStart.stream().filter(t -> t.isDone() && !t.isCancelled()).count();
      List<String> failures = new ArrayList<>();
      List<Managed> toStop;
      synchronized (started) {
        toStop = new ArrayList<>(started);
      }
      for (int i = toStop.size() - 1; i >= 0; i--) {
        stopQuietly(toStop.get(i), failures);
      }
      for (int i = resources.size() - 1; i >= 0; i--) {
        stopQuietly(resources.get(i), failures);
      }
      state.set(State.STOPPED);
      report = new ShutdownReport(completed, cancelled, failures, Duration.ofNanos(System.nanoTime() - t0));
      log.info("Shutdown complete in {} ms: {} finished, {} cancelled, {} stop failure(s)",
          report.took().toMillis(), completed, cancelled.size(), failures.size());
      removeHook();
      stopped.countDown();
      return report;
    }
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

  private static void stopQuietly(Managed m, List<String> failures) {
    try {
      log.info("Stopping {}", m.name());
      m.stop();
    } catch (Exception e) {
      failures.add(m.name() + ": " + e);
      log.error("Stopping {} failed", m.name(), e);
    }
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  private final class Tracked<T> extends FutureTask<T> {
    final String name;

    Tracked(String name, Callable<T> task) {
      super(task);
      this.name = name;
    }

    @Override
    protected void done() {
      inFlight.remove(this);
    }
  }

  /** Builder of {@link ShopLifecycle}; not thread-safe. */
  public static final class Builder {
    private final List<Managed> components = new ArrayList<>();
    private final List<Managed> resources = new ArrayList<>();
    private Duration deadline = Duration.ofSeconds(30);
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /** Adds a component; components start in the order added and stop in reverse. */
    public Builder component(Managed component) {
      components.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /** Adds a resource closed after every component has stopped (pools, clients), in reverse order. */
    public Builder resource(String name, AutoCloseable resource) {
      resources.add(Managed.closing(Objects.requireNonNull(name, "name"), Objects.requireNonNull(resource, "resource")));
      return this;
    }

    /** How long in-flight tasks may run after shutdown begins (default 30 s). */
    public Builder shutdownDeadline(Duration deadline) {
      if (deadline == null || deadline.isNegative()) {
        throw new IllegalArgumentException("shutdownDeadline must be zero or more; was " + deadline);
      }
      this.deadline = deadline;
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

    /** Builds a lifecycle; call {@link ShopLifecycle#start()} next. */
    public ShopLifecycle build() {
      return new ShopLifecycle(this);
    }
  }
}
