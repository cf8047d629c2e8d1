/**
 * How updates reach the dispatcher: {@link io.github.remnawaveshop.telegram.transport.LongPolling}
 * (offset confirmed only after handling: at-least-once) and {@link
 * io.github.remnawaveshop.telegram.transport.WebhookServer} (JDK HTTP server, secret-token check,
 * 200 as soon as an update is queued). Both are {@code core.ops.Managed} components for {@code
 * ShopLifecycle}. A host with its own HTTP stack calls {@code Dispatcher.feed(json)}.
 */
package io.github.remnawaveshop.telegram.transport;
