package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending updates to the webhook like Telegram: a POST of the Update JSON with the
 * secret-token header, up to {@code max_connections} requests in flight (so updates of one chat may
 * arrive in parallel), redelivery with a growing backoff after a non-2xx answer or a network error.
 * A 2xx answer whose JSON body names a {@code method} is executed as a Bot API call.
 */
final class WebhookDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

  private final SimulatorCore core;
  private final BiConsumer<String, ObjectNode> responseMethod;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final List<Thread> workers = new ArrayList<>();
  private long generation;

  WebhookDelivery(
      SimulatorCore core, Duration requestTimeout, BiConsumer<String, ObjectNode> responseMethod) {
    this.core = core;
    this.requestTimeout = requestTimeout;
    this.responseMethod = responseMethod;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  void start(SimulatorCore.WebhookConfig config) {
    stop();
    core.lockedRun(
        () -> {
          long mine = ++generation;
          for (int k = 0; k < config.maxConnections(); k++) {
            Thread t = new Thread(() -> run(config, mine), "bot-api-sim-webhook-" + k);
            t.setDaemon(true);
            workers.add(t);
            t.start();
          }
        });
  }

  void stop() {
    List<Thread> old =
        core.locked(
            () -> {
              generation++;
              core.touch();
              List<Thread> copy = new ArrayList<>(workers);
              workers.clear();
              return copy;
            });
    for (Thread t : old) {
      t.interrupt();
    }
  }

  private void run(SimulatorCore.WebhookConfig config, long mine) {
    while (true) {
      PendingUpdate u;
      core.lock.lock();
      try {
        while (true) {
          if (generation != mine) {
            return;
          }
          long now = System.nanoTime();
          u = next(now, config);
          if (u != null) {
            u.inFlight = true;
            break;
          }
          long wait = TimeUnit.MILLISECONDS.toNanos(250);
          for (PendingUpdate p : core.pending.values()) {
            if (!p.inFlight && p.notBeforeNanos - now > 0) {
              wait = Math.min(wait, p.notBeforeNanos - now);
            }
          }
          try {
            core.changed.awaitNanos(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      } finally {
        core.lock.unlock();
      }
      deliver(u, config, mine);
    }
  }

  private PendingUpdate next(long now, SimulatorCore.WebhookConfig config) {
    for (var it = core.pending.values().iterator(); it.hasNext(); ) {
      PendingUpdate p = it.next();
      if (!core.allowed(p.type, config.allowedUpdates())) {
        it.remove();
        continue;
      }
      if (!p.inFlight && p.notBeforeNanos - now <= 0) {
        return p;
      }
    }
    return null;
  }

  private void deliver(PendingUpdate u, SimulatorCore.WebhookConfig config, long mine) {
    String error = null;
    JsonNode body = null;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(config.url()))
              .timeout(requestTimeout)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      RequestParams.MAPPER.writeValueAsBytes(u.json)));
      if (config.secret() != null) {
        request.header("X-Telegram-Bot-Api-Secret-Token", config.secret());
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status / 100 != 2) {
        error = "Wrong response from the webhook: " + status + " " + reason(status);
      } else if (response.body().length > 0) {
        try {
          body = RequestParams.MAPPER.readTree(response.body());
        } catch (IOException ignored) {
          body = null;
        }
      }
    } catch (IOException e) {
      error = "Connection refused";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "Interrupted";
    } catch (IllegalArgumentException e) {
      error = "Bad webhook URL";
    }
    final String failure = error;
    core.lockedRun(
        () -> {
          u.inFlight = false;
          if (failure == null) {
            if (core.pending.remove(u.updateId) != null) {
              core.markDelivered(u);
            }
          } else {
            u.attempts++;
            long backoff =
                core.webhookRetryBackoff.toNanos()
                    * Math.min(16, 1L << Math.min(4, u.attempts - 1));
            u.notBeforeNanos = System.nanoTime() + backoff;
            if (generation == mine) {
              core.lastWebhookError = failure;
              core.lastWebhookErrorDate = core.nowSeconds();
            }
          }
          core.touch();
        });
    if (failure != null) {
      LOG.debug(
          "webhook delivery of update {} failed (attempt {}): {}", u.updateId, u.attempts, failure);
    } else if (body != null && body.isObject() && body.hasNonNull("method")) {
      ObjectNode params = ((ObjectNode) body).deepCopy();
      String method = params.remove("method").asText();
      responseMethod.accept(method, params);
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      default:
        return "Error";
    }
  }
}
