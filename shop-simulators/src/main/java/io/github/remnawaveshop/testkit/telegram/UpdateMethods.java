package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** getUpdates (real long polling), setWebhook, deleteWebhook and getWebhookInfo. */
final class UpdateMethods {
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final SimulatorCore core;
  private final WebhookDelivery delivery;

  UpdateMethods(SimulatorCore core, WebhookDelivery delivery) {
    this.core = core;
    this.delivery = delivery;
  }

  void register(Map<String, MethodHandler> into) {
    into.put("getUpdates", this::getUpdates);
    into.put("setWebhook", this::setWebhook);
    into.put("deleteWebhook", this::deleteWebhook);
    into.put("getWebhookInfo", this::getWebhookInfo);
  }

  private JsonNode getUpdates(RequestParams p) {
    Long offset = p.longValue("offset").orElse(null);
    long limit = Math.max(1, Math.min(100, p.longValue("limit", 100)));
    long timeoutSeconds = Math.max(0, p.longValue("timeout", 0));
    Set<String> filter =
        p.has("allowed_updates") ? names(p.json("allowed_updates").orElse(null)) : null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    core.lock.lock();
    try {
      if (core.webhook != null) {
        throw ApiError.of(
            409,
            "Conflict: can't use getUpdates method while webhook is active;"
                + " use deleteWebhook to delete the webhook first");
      }
      if (filter != null) {
        core.allowedUpdates = filter;
      }
      if (offset != null) {
        confirm(offset);
      }
      long generation = ++core.pollGeneration;
      core.touch();
      while (true) {
        if (core.pollGeneration != generation) {
          throw ApiError.of(
              409,
              "Conflict: terminated by other getUpdates request;"
                  + " make sure that only one bot instance is running");
        }
        if (core.webhook != null) {
          throw ApiError.of(
              409,
              "Conflict: can't use getUpdates method while webhook is active;"
                  + " use deleteWebhook to delete the webhook first");
        }
        List<PendingUpdate> batch = new ArrayList<>();
        for (Iterator<PendingUpdate> it = core.pending.values().iterator();
            it.hasNext() && batch.size() < limit; ) {
          PendingUpdate u = it.next();
          if (!core.allowed(u.type, core.allowedUpdates)) {
            it.remove();
            continue;
          }
          batch.add(u);
        }
        long left = deadline - System.nanoTime();
        if (!batch.isEmpty() || left <= 0) {
          ArrayNode result = RequestParams.MAPPER.createArrayNode();
          for (PendingUpdate u : batch) {
            core.markDelivered(u);
            result.add(u.json.deepCopy());
          }
          if (!batch.isEmpty()) {
            core.touch();
          }
          return result;
        }
        try {
          core.changed.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return RequestParams.MAPPER.createArrayNode();
        }
      }
    } finally {
      core.lock.unlock();
    }
  }

  /** Drops updates before {@code offset}; a negative offset keeps only the last -offset. */
  private void confirm(long offset) {
    if (offset < 0) {
      long keep = -offset;
      while (core.pending.size() > keep) {
        core.pending.pollFirstEntry();
      }
      return;
    }
    core.pending.headMap(offset, false).clear();
  }

  private JsonNode setWebhook(RequestParams p) {
    String url = p.string("url", "").trim();
    if (url.isEmpty()) {
      return deleteWebhook(p);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("bad webhook: invalid webhook URL specified");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
      throw ApiError.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    if (uri.getHost() == null) {
      throw ApiError.badRequest("bad webhook: invalid webhook URL specified");
    }
    String secret = p.string("secret_token").orElse(null);
    if (secret != null && !secret.isEmpty() && !SECRET.matcher(secret).matches()) {
      throw ApiError.badRequest("secret token contains unallowed characters");
    }
    if (secret != null && secret.isEmpty()) {
      secret = null;
    }
    int maxConnections = (int) Math.max(1, Math.min(100, p.longValue("max_connections", 40)));
    Set<String> filter =
        p.has("allowed_updates") ? names(p.json("allowed_updates").orElse(null)) : null;
    boolean drop = p.bool("drop_pending_updates", false);
    SimulatorCore.WebhookConfig config =
        new SimulatorCore.WebhookConfig(
            url, secret, maxConnections, filter == null ? core.allowedUpdates : filter);
    core.lockedRun(
        () -> {
          if (drop) {
            core.pending.clear();
          }
          core.webhook = config;
          core.lastWebhookError = null;
          core.lastWebhookErrorDate = 0;
          core.touch();
        });
    delivery.start(config);
    return BooleanNode.TRUE;
  }

  private JsonNode deleteWebhook(RequestParams p) {
    boolean drop = p.bool("drop_pending_updates", false);
    delivery.stop();
    core.lockedRun(
        () -> {
          if (drop) {
            core.pending.clear();
          }
          if (core.webhook != null) {
            core.allowedUpdates = core.webhook.allowedUpdates();
          }
          core.webhook = null;
          for (PendingUpdate u : core.pending.values()) {
            u.inFlight = false;
            u.notBeforeNanos = 0;
          }
          core.touch();
        });
    return BooleanNode.TRUE;
  }

  private JsonNode getWebhookInfo(RequestParams p) {
    return core.locked(
        () -> {
          ObjectNode o = RequestParams.MAPPER.createObjectNode();
          SimulatorCore.WebhookConfig w = core.webhook;
          o.put("url", w == null ? "" : w.url());
          o.put("has_custom_certificate", false);
          o.put("pending_update_count", core.pending.size());
          if (w != null) {
            o.put("ip_address", "127.0.0.1");
            if (core.lastWebhookError != null) {
              o.put("last_error_date", core.lastWebhookErrorDate);
              o.put("last_error_message", core.lastWebhookError);
            }
            o.put("max_connections", w.maxConnections());
            if (w.allowedUpdates() != null && !w.allowedUpdates().isEmpty()) {
              ArrayNode a = o.putArray("allowed_updates");
              w.allowedUpdates().forEach(a::add);
            }
          }
          return o;
        });
  }

  private static Set<String> names(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    if (array != null) {
      if (!array.isArray()) {
        throw ApiError.badRequest("can't parse allowed_updates JSON array");
      }
      array.forEach(n -> out.add(n.asText()));
    }
    return Set.copyOf(out);
  }
}
