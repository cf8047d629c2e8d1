package io.github.remnawaveshop.telegram.dispatch;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-visible strings per language, from resource bundles ({@code <base>_ru.properties}, {@code
 * <base>_en.properties}, UTF-8). Bundles added later override earlier ones key by key, so a host
 * bot changes only the texts it wants: {@code
 * Texts.builder().bundle("shop-messages").bundle("my-texts")}. Values are {@link MessageFormat}
 * patterns ({@code {0}} placeholders). Immutable and thread-safe.
 */
public final class Texts {
  private static final Logger log = LoggerFactory.getLogger(Texts.class);

  private final List<String> bundles;
  private final List<String> languages;
  private final String defaultLanguage;
  private final ClassLoader loader;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private Texts(Builder b) {
    this.bundles = List.copyOf(b.bundles);
    this.languages = List.copyOf(b.languages);
    this.defaultLanguage = b.defaultLanguage;
    this.loader = b.loader;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Texts from one bundle in ru and en, English by default. */
  public static Texts bundle(String baseName) {
    return builder().bundle(baseName).build();
  }

  /** A builder with these settings, e.g. to add an overriding bundle. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bundles.addAll(bundles);
    b.languages.clear();
    b.languages.addAll(languages);
    b.defaultLanguage = defaultLanguage;
    b.loader = loader;
    return b;
  }

  /** The languages offered, in order; the first is not necessarily the default. */
  public List<String> languages() {
    return languages;
  }

  /** The language used when nothing else is known. */
  public String defaultLanguage() {
    return defaultLanguage;
  }

  /** The offered language for an IETF tag ({@code ru-RU} → {@code ru}), or empty. */
  public java.util.Optional<String> match(String tag) {
    if (tag == null || tag.isBlank()) {
      return java.util.Optional.empty();
    }
    String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
    return languages.contains(lang) ? java.util.Optional.of(lang) : java.util.Optional.empty();
  }

  /** Whether a key exists for the language (or the default language). */
  public boolean has(String language, String key) {
    return raw(language, key) != null;
  }

  /**
   * The text for a key, formatted with the arguments. A missing key gives {@code [key]} and one
   * warning.
   *
   * @param language a language of {@link #languages()}; others fall back to the default
   * @param key the key
   * @param args {@link MessageFormat} arguments
   */
  public String get(String language, String key, Object... args) {
    Objects.requireNonNull(key, "key");
    String lang = languages.contains(language) ? language : defaultLanguage;
    String pattern = raw(lang, key);
    if (pattern == null) {
      if (warned.add(lang + ":" + key)) {
        log.warn("No text '{}' for language {} in bundles {}", key, lang, bundles);
      }
      return "[" + key + "]";
    }
    if (args.length == 0) {
      return pattern.replace("''", "'");
    }
    return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  private String raw(String language, String key) {
    for (String lang : new String[] {language, defaultLanguage}) {
      for (int i = bundles.size() - 1; i >= 0; i--) {
        ResourceBundle bundle = load(bundles.get(i), lang);
        if (bundle != null && bundle.containsKey(key)) {
          return bundle.getString(key);
        }
      }
    }
    return null;
  }

  private ResourceBundle load(String base, String lang) {
    try {
      return ResourceBundle.getBundle(
          base,
          Locale.forLanguageTag(lang),
          loader,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    } catch (MissingResourceException e) {
      return null;
    }
  }

  /** Builder of {@link Texts}; not thread-safe. */
  public static final class Builder {
    private final List<String> bundles = new ArrayList<>();
    private final Set<String> languages = new LinkedHashSet<>(List.of("ru", "en"));
    private String defaultLanguage = "en";
    private ClassLoader loader = Texts.class.getClassLoader();

    private Builder() {}

    /** Adds a bundle; later bundles override earlier ones. */
    public Builder bundle(String baseName) {
      Objects.requireNonNull(baseName, "baseName");
      bundles.add(baseName);
      return this;
    }

    /** The languages offered (default ru, en). */
    public Builder languages(String... codes) {
      if (codes.length == 0) {
        throw new IllegalArgumentException("at least one language");
      }
      languages.clear();
      for (String c : codes) {
        if (c == null || !c.matches("[a-z]{2,3}")) {
          throw new IllegalArgumentException(
              "a language is a two- or three-letter code; was '" + c + "'");
        }
        languages.add(c);
      }
      return this;
    }

    /** The default language (default en). */
    public Builder defaultLanguage(String code) {
      this.defaultLanguage = Objects.requireNonNull(code, "code");
      return this;
    }

    /** Where bundles are looked up (default this library's class loader). */
    public Builder classLoader(ClassLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** The texts. */
    public Texts build() {
      if (bundles.isEmpty()) {
        throw new IllegalArgumentException("at least one bundle must be added");
      }
      if (!languages.contains(defaultLanguage)) {
        throw new IllegalArgumentException(
            "defaultLanguage '" + defaultLanguage + "' is not among " + languages);
      }
      for (String base : bundles) {
        boolean any = false;
        for (String lang : languages) {
          try {
            ResourceBundle.getBundle(
                base,
                Locale.forLanguageTag(lang),
                loader,
                ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES));
            any = true;
          } catch (MissingResourceException e) {
            // checked below
          }
        }
        if (!any) {
          throw new IllegalArgumentException(
              "bundle '" + base + "' has no properties file for " + languages);
        }
      }
      return new Texts(this);
    }
  }
}
