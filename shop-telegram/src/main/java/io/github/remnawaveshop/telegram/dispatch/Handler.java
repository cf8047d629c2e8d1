package io.github.remnawaveshop.telegram.dispatch;

/**
 * Handles an update a route matched. Runs on the dispatcher's executor, one update of a chat at a
 * time.
 */
@FunctionalInterface
public interface Handler {
  /**
   * Handles the update.
   *
   * @param ctx the update and its helpers
   * @throws Exception anything; the error middleware apologises to the user and logs it once
   */
  void handle(Context ctx) throws Exception;
}
