package io.github.remnawaveshop.examples.shopbot;

import java.util.ArrayList;
import java.util.List;

/**
 * Which parts of the shop are real and which are embedded defaults, for the startup log and for
 * {@link ShopBotApp#parts()}. Not thread-safe; filled while the shop is wired.
 */
public final class StartupReport {
  private final List<Part> parts = new ArrayList<>();

  /**
   * One part of the shop.
   *
   * @param name e.g. {@code postgres}, {@code panel}
   * @param embedded whether it is an embedded default rather than the configured real thing
   * @param detail where it is (addresses without credentials), or what it is
   */
  public record Part(String name, boolean embedded, String detail) {
    @Override
    public String toString() {
      return String.format("%-10s %-8s %s", name, embedded ? "embedded" : "real", detail);
    }
  }

  void add(String name, boolean embedded, String detail) {
    parts.add(new Part(name, embedded, detail));
  }

  void real(String name, String detail) {
    parts.add(new Part(name, false, detail));
  }

  void embedded(String name, String detail) {
    parts.add(new Part(name, true, detail));
  }

  /** The parts in wiring order. */
  public List<Part> parts() {
    return List.copyOf(parts);
  }
}
