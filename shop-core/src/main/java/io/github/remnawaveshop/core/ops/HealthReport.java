package io.github.remnawaveshop.core.ops;

import java.time.Instant;
import java.util.List;

/**
 * Health of every component and overall (the worst of them).
 *
 * @param status overall health
 * @param components one entry per check, in registration order
 * @param checkedAt when the report was made
 */
public record HealthReport(
    HealthStatus status, List<ComponentHealth> components, Instant checkedAt) {
  /** Copies the list. */
  public HealthReport {
    components = List.copyOf(components);
  }

  /** The report as JSON (hand-written: stable field order, no mapper needed). */
  public String toJson() {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"status\":\"")
        .append(status)
        .append("\",\"checkedAt\":\"")
        .append(checkedAt)
        .append("\",\"components\":[");
    for (int i = 0; i < components.size(); i++) {
      ComponentHealth c = components.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"name\":\"")
          .append(escape(c.name()))
          .append("\",\"status\":\"")
          .append(c.status())
          .append("\",\"responseTimeMs\":")
          .append(c.responseTime().toMillis())
          .append(",\"detail\":\"")
          .append(escape(c.detail()))
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
