package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The content of a plan, for {@link PlanRepository#create} and {@link PlanRepository#update}. Build
 * with {@link #builder()}; {@code build()} validates every setting.
 *
 * @param code stable code: 1 to 64 of {@code A-Z a-z 0-9 _ . -}, starting with a letter or digit
 * @param title display title, 1 to 200 characters
 * @param durationDays days a purchase adds, 1 to 36600
 * @param trafficLimitBytes traffic per reset period, {@code 0} for unlimited
 * @param trafficResetStrategy when the panel resets traffic
 * @param deviceLimit HWID device limit, {@code 0} for unlimited
 * @param internalSquads the panel's internal squads a subscriber joins
 * @param prices price per currency; the map key must equal the money's currency
 * @param active whether the catalog offers it
 * @param sortOrder position in the catalog (ascending)
 */
public record NewPlan(
    String code,
    String title,
    int durationDays,
    long trafficLimitBytes,
    TrafficResetStrategy trafficResetStrategy,
    int deviceLimit,
    List<UUID> internalSquads,
    Map<String, Money> prices,
    boolean active,
    int sortOrder) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** Validates every field and copies the collections. */
  public NewPlan {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(trafficResetStrategy, "trafficResetStrategy");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be 1 to 64 of A-Z a-z 0-9 _ . - but was '" + code + "'");
    }
    if (title.isEmpty() || title.length() > 200) {
      throw new IllegalArgumentException(
          "title must be 1 to 200 characters but had " + title.length());
    }
    if (durationDays < 1 || durationDays > 36600) {
      throw new IllegalArgumentException(
          "durationDays must be between 1 and 36600 but was " + durationDays);
    }
    if (trafficLimitBytes < 0) {
      throw new IllegalArgumentException(
          "trafficLimitBytes must be >= 0 (0 = unlimited) but was " + trafficLimitBytes);
    }
    if (deviceLimit < 0) {
      throw new IllegalArgumentException(
          "deviceLimit must be >= 0 (0 = unlimited) but was " + deviceLimit);
    }
    internalSquads = List.copyOf(internalSquads);
    prices = copyPrices(prices);
  }

  static Map<String, Money> copyPrices(Map<String, Money> prices) {
    Map<String, Money> sorted = new TreeMap<>();
    prices.forEach(
        (currency, money) -> {
          Objects.requireNonNull(money, "price");
          if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException(
                "prices key '" + currency + "' does not match the currency of " + money);
          }
          sorted.put(currency, money);
        });
    return Collections.unmodifiableMap(sorted);
  }

  /** A builder with no prices, no squads, unlimited traffic and devices, active, sort order 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this plan's content, to change a few settings. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .code(code)
            .title(title)
            .durationDays(durationDays)
            .trafficLimitBytes(trafficLimitBytes)
            .trafficResetStrategy(trafficResetStrategy)
            .deviceLimit(deviceLimit)
            .internalSquads(internalSquads)
            .active(active)
            .sortOrder(sortOrder);
    prices.values().forEach(b::price);
    return b;
  }

  /** Builds a {@link NewPlan}; not thread-safe. */
  public static final class Builder {
    private @Nullable String code;
    private @Nullable String title;
    private int durationDays;
    private long trafficLimitBytes;
    private TrafficResetStrategy trafficResetStrategy = TrafficResetStrategy.NO_RESET;
    private int deviceLimit;
    private List<UUID> internalSquads = new ArrayList<>();
    private final Map<String, Money> prices = new TreeMap<>();
    private boolean active = true;
    private int sortOrder;

    private Builder() {}

    /**
     * @param code the plan code @return this builder
     */
    public Builder code(String code) {
      this.code = code;
      return this;
    }

    /**
     * @param title the display title @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * @param days days a purchase adds @return this builder
     */
    public Builder durationDays(int days) {
      this.durationDays = days;
      return this;
    }

    /**
     * @param bytes traffic per period, 0 for unlimited @return this builder
     */
    public Builder trafficLimitBytes(long bytes) {
      this.trafficLimitBytes = bytes;
      return this;
    }

    /**
     * @param strategy when traffic resets @return this builder
     */
    public Builder trafficResetStrategy(TrafficResetStrategy strategy) {
      this.trafficResetStrategy = strategy;
      return this;
    }

    /**
     * @param limit device limit, 0 for unlimited @return this builder
     */
    public Builder deviceLimit(int limit) {
      this.deviceLimit = limit;
      return this;
    }

    /**
     * @param squads the panel's internal squads @return this builder
     */
    public Builder internalSquads(List<UUID> squads) {
      this.internalSquads = new ArrayList<>(squads);
      return this;
    }

    /**
     * @param price a price; replaces an earlier one in the same currency @return this builder
     */
    public Builder price(Money price) {
      prices.put(price.currency(), price);
      return this;
    }

    /**
     * @param active whether the catalog offers the plan @return this builder
     */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /**
     * @param sortOrder catalog position @return this builder
     */
    public Builder sortOrder(int sortOrder) {
      this.sortOrder = sortOrder;
      return this;
    }

    /** Validates and builds; the messages name the bad setting. @return the plan content */
    public NewPlan build() {
      if (code == null) {
        throw new IllegalStateException("code is required");
      }
      if (title == null) {
        throw new IllegalStateException("title is required");
      }
      return new NewPlan(
          code,
          title,
          durationDays,
          trafficLimitBytes,
          trafficResetStrategy,
          deviceLimit,
          internalSquads,
          prices,
          active,
          sortOrder);
    }
  }
}
