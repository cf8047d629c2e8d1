package io.github.remnawaveshop.examples.shopbot;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where configuration values come from: environment variables over a {@code shop.properties} file
 * (same names, e.g. {@code BOT_TOKEN=...}). Blank values count as absent. Immutable.
 */
public final class ConfigSource {
  /** The file read from the working directory by {@link #standard()}. */
  public static final String FILE = "shop.properties";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The process environment over {@value #FILE} in the working directory (when it exists). */
  public static ConfigSource standard() {
    return of(System.getenv(), readFile(Path.of(FILE)));
  }

  /** The environment given over the properties given (the environment wins). */
  public static ConfigSource of(Map<String, String> environment, Properties file) {
    Map<String, String> merged = new TreeMap<>();
    for (String name : file.stringPropertyNames()) {
      put(merged, name, file.getProperty(name));
    }
    environment.forEach((name, value) -> put(merged, name, value));
    return new ConfigSource(merged);
  }

  /** Only the given values (tests). */
  public static ConfigSource of(Map<String, String> values) {
    return of(values, new Properties());
  }

  private static void put(Map<String, String> into, String name, String value) {
    if (value != null && !value.isBlank()) {
      into.put(name.trim(), value.trim());
    }
  }

  /**
   * Reads a properties file as UTF-8; a missing file is empty, an unreadable one a {@link
   * ConfigException}.
   */
  public static Properties readFile(Path file) {
    Properties p = new Properties();
    if (!Files.isRegularFile(file)) {
      return p;
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          file.toString(), "cannot be read as a properties file (" + e.getMessage() + ")");
    }
    return p;
  }

  /** A value, when present and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Every value, by name (to find gateway settings by prefix). */
  public Map<String, String> all() {
    return values;
  }

  @Override
  public String toString() {
    return "ConfigSource" + values.keySet();
  }
}
