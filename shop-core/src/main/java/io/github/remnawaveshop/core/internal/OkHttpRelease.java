package io.github.remnawaveshop.core.internal;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Cache;
import okhttp3.OkHttpClient;

/**
 * Releases an OkHttp client its owner built: the one way the panel client, the payment gateways and
 * the Telegram client let go of the threads and connections of a client they created (never of one
 * they were given). Not API.
 */
public final class OkHttpRelease {
  private OkHttpRelease() {}

  /**
   * Shuts the dispatcher's threads down, evicts the pooled connections and closes the cache, if
   * any. Idempotent.
   *
   * @param client a client the caller owns
   */
  public static void release(OkHttpClient client) {
    Objects.requireNonNull(client, "client");
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    Cache cache = client.cache();
    if (cache != null) {
      try {
        cache.close();
      } catch (IOException e) {
        // nothing to do about a cache that cannot be closed while shutting down
      }
    }
  }
}
