package io.github.remnawaveshop.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public exception type of shop-core is a {@link ShopException}: one unchecked tree (issue
 * 13).
 */
class ExceptionTreeTest {
  @Test
  void everyPublicExceptionOfTheModuleIsAShopException()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes =
        Path.of(ShopException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names =
          files
              .map(p -> classes.relativize(p).toString())
              .filter(n -> n.endsWith("Exception.class") && !n.contains("$"))
              .map(
                  n ->
                      n.substring(0, n.length() - ".class".length())
                          .replace('/', '.')
                          .replace('\\', '.'))
              .toList();
    }
    assertThat(names).hasSizeGreaterThan(20);
    for (String name : names) {
      Class<?> type = Class.forName(name);
      if (Modifier.isPublic(type.getModifiers())) {
        assertThat(ShopException.class.isAssignableFrom(type))
            .as(name + " is a ShopException")
            .isTrue();
      }
    }
  }
}
