package io.github.remnawaveshop.examples.shopbot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the wiring opened, in the order it was opened: handed to {@code ShopLifecycle} as resources
 * once the whole shop is built (closed in reverse after the components stop), or closed right away
 * in reverse when building fails half-way. Not thread-safe; used by the starting thread only.
 */
final class Resources {
  private static final Logger log = LoggerFactory.getLogger(Resources.class);

  private final List<Map.Entry<String, AutoCloseable>> opened = new ArrayList<>();

  /** Records a resource and returns it. */
  <T extends AutoCloseable> T add(String name, T resource) {
    opened.add(Map.entry(name, resource));
    return resource;
  }

  /** In opening order. */
  List<Map.Entry<String, AutoCloseable>> all() {
    return List.copyOf(opened);
  }

  /** Closes everything in reverse (after a failed start). */
  void closeAll() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).getValue().close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", opened.get(i).getKey(), e.toString());
      }
    }
    opened.clear();
  }
}
