package io.github.remnawaveshop.core.payment;

import java.util.List;

/** A gateway's settings are missing or invalid; the gateway was not created. */
public final class GatewayConfigurationException extends PaymentException {
  private static final long serialVersionUID = 1L;

  private final String gatewayId;
  private final List<String> problems;

  /**
   * @param gatewayId the gateway
   * @param problems one line per missing or bad setting, naming it (never showing a secret)
   */
  public GatewayConfigurationException(String gatewayId, List<String> problems) {
    super("payment gateway '" + gatewayId + "' is not configured: " + String.join("; ", problems));
    this.gatewayId = gatewayId;
    this.problems = List.copyOf(problems);
  }

  /** The gateway id. */
  public String gatewayId() {
    return gatewayId;
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
