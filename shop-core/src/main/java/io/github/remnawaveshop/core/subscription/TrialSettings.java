package io.github.remnawaveshop.core.subscription;

import java.util.List;
import java.util.Objects;

/**
 * What a trial gives: once per user.
 *
 * @param enabled whether trials are offered at all
 * @param days days of access
 * @param trafficLimitBytes traffic limit, 0 = unlimited
 * @param deviceLimit device limit, 0 = unlimited
 * @param internalSquads panel internal squad UUIDs for trial users
 */
public record TrialSettings(boolean enabled, int days, long trafficLimitBytes, int deviceLimit,
    List<String> internalSquads) {

  /** Validates, naming the bad setting. */
  public TrialSettings {
    if (days < 1 || days > 365) {
      throw new IllegalArgumentException("trial days must be between 1 and 365; was " + days);
    }
    if (trafficLimitBytes < 0) {
      throw new IllegalArgumentException("trial trafficLimitBytes must be 0 (unlimited) or more; was " + trafficLimitBytes);
    }
    if (deviceLimit < 0) {
      throw new IllegalArgumentException("trial deviceLimit must be 0 (unlimited) or more; was " + deviceLimit);
    }
    internalSquads = List.copyOf(Objects.requireNonNull(internalSquads, "internalSquads"));
  }

  /** The defaults: enabled, 3 days, 10 GiB, 1 device, the panel's default squads. */
  public static TrialSettings defaults() {
    return new TrialSettings(true, 3, 10L * 1024 * 1024 * 1024, 1, List.of());
  }

  /** Trials switched off. */
  public static TrialSettings disabled() {
    return new TrialSettings(false, 1, 0, 0, List.of());
  }

  /** A copy with another duration. */
  public TrialSettings withDays(int value) {
    return new TrialSettings(enabled, value, trafficLimitBytes, deviceLimit, internalSquads);
  }

  /** A copy with another traffic limit. */
  public TrialSettings withTrafficLimitBytes(long value) {
    return new TrialSettings(enabled, days, value, deviceLimit, internalSquads);
  }

  /** A copy with another device limit. */
  public TrialSettings withDeviceLimit(int value) {
    return new TrialSettings(enabled, days, trafficLimitBytes, value, internalSquads);
  }

  /** A copy with other squads. */
  public TrialSettings withInternalSquads(List<String> value) {
    return new TrialSettings(enabled, days, trafficLimitBytes, deviceLimit, value);
  }
}
