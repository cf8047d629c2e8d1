package io.github.remnawaveshop.core.subscription;

import java.util.List;
import java.util.Objects;

/**
 * What a trial gives, once per user. Immutable; {@link #builder()} starts from the {@linkplain
 * #defaults() defaults}, {@link #toBuilder()} from these settings:
 *
 * <pre>{@code
 * TrialSettings trial = TrialSettings.builder().days(3).deviceLimit(1).build();
 * }</pre>
 */
public final class TrialSettings {
  private static final long TEN_GIB = 10L * 1024 * 1024 * 1024;

  private final boolean enabled;
  private final int days;
  private final long trafficLimitBytes;
  private final int deviceLimit;
  private final List<String> internalSquads;

  private TrialSettings(Builder b) {
    this.enabled = b.enabled;
    this.days = b.days;
    this.trafficLimitBytes = b.trafficLimitBytes;
    this.deviceLimit = b.deviceLimit;
    this.internalSquads = List.copyOf(b.internalSquads);
  }

  /**
   * A builder starting from the defaults: enabled, 3 days, 10 GiB, 1 device, the panel's default
   * squads.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: enabled, 3 days, 10 GiB, 1 device, the panel's default squads. */
  public static TrialSettings defaults() {
    return builder().build();
  }

  /** Trials switched off. */
  public static TrialSettings disabled() {
    return builder().enabled(false).build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .days(days)
        .trafficLimitBytes(trafficLimitBytes)
        .deviceLimit(deviceLimit)
        .internalSquads(internalSquads);
  }

  /** Whether trials are offered at all. */
  public boolean enabled() {
    return enabled;
  }

  /** Days of access. */
  public int days() {
    return days;
  }

  /** Traffic limit in bytes, 0 = unlimited. */
  public long trafficLimitBytes() {
    return trafficLimitBytes;
  }

  /** Device limit, 0 = unlimited. */
  public int deviceLimit() {
    return deviceLimit;
  }

  /** Panel internal squad UUIDs for trial users (empty: the panel's default squads). */
  public List<String> internalSquads() {
    return internalSquads;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialSettings t
        && enabled == t.enabled
        && days == t.days
        && trafficLimitBytes == t.trafficLimitBytes
        && deviceLimit == t.deviceLimit
        && internalSquads.equals(t.internalSquads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, days, trafficLimitBytes, deviceLimit, internalSquads);
  }

  @Override
  public String toString() {
    return "TrialSettings[enabled="
        + enabled
        + ", days="
        + days
        + ", trafficLimitBytes="
        + trafficLimitBytes
        + ", deviceLimit="
        + deviceLimit
        + ", internalSquads="
        + internalSquads
        + "]";
  }

  /** Builds {@link TrialSettings}; {@link #build()} names a bad value. */
  public static final class Builder {
    private boolean enabled = true;
    private int days = 3;
    private long trafficLimitBytes = TEN_GIB;
    private int deviceLimit = 1;
    private List<String> internalSquads = List.of();

    private Builder() {}

    /** Whether trials are offered (default true). */
    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** Days of access, 1 to 365 (default 3). */
    public Builder days(int value) {
      this.days = value;
      return this;
    }

    /** Traffic limit in bytes, 0 = unlimited (default 10 GiB). */
    public Builder trafficLimitBytes(long value) {
      this.trafficLimitBytes = value;
      return this;
    }

    /** Device limit, 0 = unlimited (default 1). */
    public Builder deviceLimit(int value) {
      this.deviceLimit = value;
      return this;
    }

    /** Panel internal squad UUIDs for trial users (default none: the panel's default squads). */
    public Builder internalSquads(List<String> value) {
      this.internalSquads = List.copyOf(Objects.requireNonNull(value, "internalSquads"));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public TrialSettings build() {
      if (days < 1 || days > 365) {
        throw new IllegalArgumentException("trial days must be between 1 and 365; was " + days);
      }
      if (trafficLimitBytes < 0) {
        throw new IllegalArgumentException(
            "trial trafficLimitBytes must be 0 (unlimited) or more; was " + trafficLimitBytes);
      }
      if (deviceLimit < 0) {
        throw new IllegalArgumentException(
            "trial deviceLimit must be 0 (unlimited) or more; was " + deviceLimit);
      }
      return new TrialSettings(this);
    }
  }
}
