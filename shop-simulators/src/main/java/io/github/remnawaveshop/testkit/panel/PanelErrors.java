package io.github.remnawaveshop.testkit.panel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The panel's error bodies. Not API. */
final class PanelErrors {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PanelErrors() {}

  /** The panel's own errors: {@code {timestamp, path, message, errorCode}}. */
  static SimulatedAnswer panel(int status, String code, String message, String path, Instant now) {
    ObjectNode o = NODES.objectNode();
    o.put("timestamp", PanelJson.time(now));
    o.put("path", path);
    o.put("message", message);
    o.put("errorCode", code);
    return new SimulatedAnswer(status, o, false);
  }

  /** A validation failure: {@code {message, statusCode, errors:[{code, message, path}]}}. */
  static SimulatedAnswer validation(String field, String code, String message) {
    ObjectNode o = NODES.objectNode();
    o.put("message", "Validation failed");
    o.put("statusCode", 400);
    ArrayNode errors = o.putArray("errors");
    ObjectNode e = errors.addObject();
    e.put("code", code);
    e.put("message", message);
    e.putArray("path").add(field);
    return new SimulatedAnswer(400, o, false);
  }

  /** The framework's answer for a route that does not exist. */
  static SimulatedAnswer noRoute(String method, String path) {
    ObjectNode o = NODES.objectNode();
    o.put("message", "Cannot " + method + " " + path);
    o.put("error", "Not Found");
    o.put("statusCode", 404);
    return new SimulatedAnswer(404, o, false);
  }

  /** Missing or wrong token. */
  static SimulatedAnswer unauthorized() {
    ObjectNode o = NODES.objectNode();
    o.put("message", "Unauthorized");
    o.put("statusCode", 401);
    return new SimulatedAnswer(401, o, false);
  }

  /** Thrown inside the state to abort a request with an answer. */
  static final class Failure extends RuntimeException {
    final transient SimulatedAnswer answer;

    Failure(SimulatedAnswer answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }
}
