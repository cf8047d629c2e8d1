package io.github.remnawaveshop.core.payment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the payment gateways offered to a buyer ("smart routing"). Immutable and thread-safe;
 * build once and share.
 *
 * <p>For a {@link RoutingRequest} a gateway is <em>eligible</em> when
 *
 * <ol>
 *   <li>it supports the amount's currency ({@link PaymentGateway#supportedCurrencies()}),
 *   <li>its {@link GatewayRoute} allows the buyer's language and country and the amount, and
 *   <li>{@link GatewayHealth} says it is healthy.
 * </ol>
 *
 * Eligible gateways are returned in the configured {@linkplain Builder#order(String...) order}
 * (gateways not named there follow, in the order of {@link PaymentGateways}). The buyer's explicit
 * choice wins over the order, language and country: when the chosen gateway supports the currency,
 * accepts the amount and is healthy, it comes first even if its language or country rule would have
 * hidden it. A choice that cannot take the payment is ignored and the normal list is returned.
 *
 * <pre>{@code
 * PaymentRouter router = PaymentRouter.builder()
 *     .gateways(gateways)
 *     .order("telegram-stars", "stripe", "robokassa")
 *     .route(GatewayRoute.unrestricted("robokassa").withCountries("RU").withAmountLimits("RUB", 1000, 10_000_000))
 *     .build();
 * List<PaymentGateway> offered = router.offer(RoutingRequest.of(Money.of(29900, "RUB"), "ru").inCountry("RU"));
 * }</pre>
 */
public final class PaymentRouter {
  private final List<PaymentGateway> ordered;
  private final Map<String, GatewayRoute> routes;
  private final GatewayHealth health;

  private PaymentRouter(
      List<PaymentGateway> ordered, Map<String, GatewayRoute> routes, GatewayHealth health) {
    this.ordered = List.copyOf(ordered);
    this.routes = Map.copyOf(routes);
    this.health = health;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The gateways to offer, best first; empty when none can take the payment.
   *
   * @param request the purchase and buyer
   * @return an unmodifiable list
   */
  public List<PaymentGateway> offer(RoutingRequest request) {
    Objects.requireNonNull(request, "request");
    List<PaymentGateway> result = new ArrayList<>();
    PaymentGateway chosen =
        request
            .chosenGatewayId()
            .flatMap(id -> ordered.stream().filter(g -> g.id().equals(id)).findFirst())
            .filter(g -> canTake(g, request, false))
            .orElse(null);
    if (chosen != null) {
      result.add(chosen);
    }
    for (PaymentGateway gateway : ordered) {
      if (gateway != chosen && canTake(gateway, request, true)) {
        result.add(gateway);
      }
    }
    return List.copyOf(result);
  }

  /**
   * The one gateway to use: the buyer's choice when it can take the payment, otherwise the first
   * offered.
   *
   * @param request the purchase and buyer
   * @return the gateway, or empty when none can take the payment
   */
  public Optional<PaymentGateway> select(RoutingRequest request) {
    List<PaymentGateway> offered = offer(request);
    return offered.isEmpty() ? Optional.empty() : Optional.of(offered.get(0));
  }

  private boolean canTake(PaymentGateway gateway, RoutingRequest request, boolean applyBuyerRules) {
    if (!gateway.supportedCurrencies().contains(request.amount().currency())) {
      return false;
    }
    GatewayRoute route = routes.get(gateway.id());
    if (route != null) {
      GatewayRoute effective =
          applyBuyerRules
              ? route
              : new GatewayRoute(
                  route.gatewayId(),
                  Set.of(),
                  Set.of(),
                  route.minimumAmounts(),
                  route.maximumAmounts());
      if (!effective.allows(request.amount(), request.language(), request.country())) {
        return false;
      }
    }
    return health.isHealthy(gateway.id());
  }

  @Override
  public String toString() {
    return "PaymentRouter" + ordered.stream().map(PaymentGateway::id).toList();
  }

  /** Builder of {@link PaymentRouter}; not thread-safe. */
  public static final class Builder {
    private @Nullable PaymentGateways gateways;
    private final List<String> order = new ArrayList<>();
    private final Map<String, GatewayRoute> routes = new LinkedHashMap<>();
    private GatewayHealth health = GatewayHealth.ALWAYS_HEALTHY;

    private Builder() {}

    /** The gateways to route between (required). */
    public Builder gateways(PaymentGateways gateways) {
      this.gateways = Objects.requireNonNull(gateways, "gateways");
      return this;
    }

    /** The preferred order of gateway ids; gateways not named follow in their own order. */
    public Builder order(String... gatewayIds) {
      order.clear();
      for (String id : gatewayIds) {
        order.add(Objects.requireNonNull(id, "gateway id"));
      }
      return this;
    }

    /** Routing rules for one gateway; replaces earlier rules for the same id. */
    public Builder route(GatewayRoute route) {
      Objects.requireNonNull(route, "route");
      routes.put(route.gatewayId(), route);
      return this;
    }

    /** Where gateway health comes from (default: every gateway healthy). */
    public Builder health(GatewayHealth health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalStateException when no gateways were set, or the order or a route names a
     *     gateway that is not among them, or the order names one twice
     */
    public PaymentRouter build() {
      if (gateways == null) {
        throw new IllegalStateException("gateways must be set");
      }
      Set<String> seen = new LinkedHashSet<>();
      List<PaymentGateway> ordered = new ArrayList<>();
      for (String id : order) {
        if (!seen.add(id)) {
          throw new IllegalStateException("order names gateway '" + id + "' twice");
        }
        ordered.add(
            gateways
                .get(id)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "order names unknown gateway '" + id + "'; known: " + ids())));
      }
      for (PaymentGateway g : gateways.all()) {
        if (seen.add(g.id())) {
          ordered.add(g);
        }
      }
      for (String id : routes.keySet()) {
        if (gateways.get(id).isEmpty()) {
          throw new IllegalStateException(
              "route given for unknown gateway '" + id + "'; known: " + ids());
        }
      }
      return new PaymentRouter(ordered, routes, health);
    }

    private List<String> ids() {
      return Objects.requireNonNull(gateways, "gateways").all().stream()
          .map(PaymentGateway::id)
          .toList();
    }
  }
}
