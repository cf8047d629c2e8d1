package io.github.remnawaveshop.core.ops.backup;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Replaces secret values in settings with {@code ***} before they are written into a backup. */
final class ConfigRedactor {
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(token|secret|password|passwd|pwd|key|credential|auth|signature|dsn|private).*");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)(://[^/:@]+:)([^@/]+)(@)");
  private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

  private ConfigRedactor() {}

  static Map<String, String> redact(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          String name = k.toLowerCase(Locale.ROOT);
          if (v == null) {
            out.put(k, "");
          } else if (SECRET_NAME.matcher(name).matches()) {
            out.put(k, "***");
          } else {
            String cleaned = URL_CREDENTIALS.matcher(v).replaceAll("$1***$3");
            out.put(k, URL_PASSWORD_PARAM.matcher(cleaned).replaceAll("$1***"));
          }
        });
    return out;
  }
}
