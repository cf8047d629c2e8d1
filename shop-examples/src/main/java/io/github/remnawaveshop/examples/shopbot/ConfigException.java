package io.github.remnawaveshop.examples.shopbot;

/**
 * A configuration value is missing or malformed. The message is one line that names the variable
 * and says what is wrong; it never contains a secret value. {@link ShopBotMain} prints it and exits
 * with code 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  /**
   * @param variable the environment variable (or {@code shop.properties} key) at fault
   * @param problem what is wrong with it, without its value when it is a secret
   */
  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  /** The variable at fault. */
  public String variable() {
    return variable;
  }
}
