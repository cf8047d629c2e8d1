package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The engine's background work (outbox worker, reminders, renewals, reconciliation) as a lifecycle
 * component.
 */
final class EngineJobs implements Managed {
  private final SubscriptionEngine engine;
  private final ScheduledExecutorService scheduler;

  EngineJobs(SubscriptionEngine engine, ScheduledExecutorService scheduler) {
    this.engine = engine;
    this.scheduler = scheduler;
  }

  @Override
  public String name() {
    return "engine jobs";
  }

  @Override
  public void start() {
    engine.start(scheduler);
  }

  @Override
  public void stop() {
    engine.close();
  }
}
