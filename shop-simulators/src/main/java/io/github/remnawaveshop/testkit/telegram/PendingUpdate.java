package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An update waiting to be confirmed (polling) or acknowledged with 2xx (webhook). */
final class PendingUpdate {
  final long updateId;
  final String type;
  final ObjectNode json;
  boolean delivered;
  boolean inFlight;
  int attempts;
  long notBeforeNanos;

  PendingUpdate(long updateId, String type, ObjectNode json) {
    this.updateId = updateId;
    this.type = type;
    this.json = json;
  }
}
