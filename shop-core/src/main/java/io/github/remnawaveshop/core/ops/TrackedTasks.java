package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle's task threads and the tasks in flight on them, by name: run, then at shutdown
 * drain until a deadline and cancel what is left. Whether a task may still be submitted is the
 * lifecycle's decision. The threads are daemons, so a task stuck past the deadline cannot keep the
 * JVM alive. Thread-safe. Not API.
 */
final class TrackedTasks {
  private final ThreadPoolExecutor executor;
  private final Set<Tracked<?>> inFlight = ConcurrentHashMap.newKeySet();

  TrackedTasks(int threads) {
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "shop-task-" + n.incrementAndGet());
              t.setDaemon(true); // a task stuck past the deadline must not keep the JVM alive
              return t;
            });
  }

  /**
   * Runs a task and tracks it until it ends.
   *
   * @throws RejectedExecutionException once {@link #stopIntake()} was called
   */
  <T> Future<T> submit(String name, Callable<T> task) {
    Tracked<T> tracked = new Tracked<>(name, task);
    inFlight.add(tracked);
    try {
      executor.execute(tracked);
    } catch (RejectedExecutionException e) {
      inFlight.remove(tracked);
      throw e;
    }
    return tracked;
  }

  int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Refuses further tasks; returns the ones in flight now, whose outcome {@link #completed} counts
   * later.
   */
  Set<Future<?>> stopIntake() {
    executor.shutdown();
    return Set.copyOf(inFlight);
  }

  /** Waits for the tracked tasks to end, at most {@code max}; whether they all did. */
  boolean awaitDrain(Duration max) {
    try {
      return executor.awaitTermination(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Cancels (interrupts) what is left and stops the threads; returns the names of the cancelled
   * tasks. Tracked tasks are cancelled first, so one that returns quietly when interrupted still
   * counts.
   */
  List<String> cancelRemaining() {
    List<String> cancelled = new ArrayList<>();
    for (Tracked<?> t : Set.copyOf(inFlight)) {
      if (t.cancel(true)) {
        cancelled.add(t.name);
      }
    }
    executor.shutdownNow();
    return cancelled;
  }

  /** How many of {@code tasks} ended by completing (not by cancellation). */
  static int completed(Set<Future<?>> tasks) {
    return (int) tasks.stream().filter(t -> t.isDone() && !t.isCancelled()).count();
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
}
