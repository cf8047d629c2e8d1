package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.core.ShopException;

/**
 * The dispatcher's backlog is full ({@code Dispatcher.Builder#maxPendingUpdates}): the update was
 * not taken. A webhook answers 503 so Telegram redelivers; long polling waits for room instead.
 */
public final class DispatcherOverloadedException extends ShopException {
  private static final long serialVersionUID = 1L;

  /**
   * An overload.
   *
   * @param pending updates queued or running
   */
  public DispatcherOverloadedException(int pending) {
    super("the dispatcher has " + pending + " updates pending, its limit; try again later");
  }
}
