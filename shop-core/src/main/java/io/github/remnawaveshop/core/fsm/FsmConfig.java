package io.github.remnawaveshop.core.fsm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The validated, immutable settings a storage was built with. */
final class FsmConfig {
  final String keyPrefix;
  final KeyStrategy keyStrategy;
  final Optional<Duration> stateTtl;
  final Optional<Duration> dataTtl;
  final RedisOutagePolicy outagePolicy;
  final Duration commandTimeout;

  /**
   * How long an entry of the outage fallback lives at most (default 1 h), and how many it holds
   * (10,000).
   */
  final Duration fallbackTtl;

  final long fallbackMaximumSize;
  final ObjectMapper mapper;

  /** Whether {@link #mapper} is the SDK's own (none was given). */
  final boolean defaultMapper;

  final Clock clock;

  FsmConfig(FsmStorage.Builder b) {
    this.keyPrefix = b.keyPrefix;
    this.keyStrategy = b.keyStrategy;
    this.stateTtl = Optional.ofNullable(b.stateTtl);
    this.dataTtl = Optional.ofNullable(b.dataTtl);
    this.outagePolicy = b.outagePolicy == null ? RedisOutagePolicy.FAIL : b.outagePolicy;
    this.commandTimeout = b.commandTimeout;
    this.fallbackTtl =
        b.fallbackTtl != null ? b.fallbackTtl : FsmStorage.Builder.DEFAULT_FALLBACK_TTL;
    this.fallbackMaximumSize =
        b.fallbackMaximumSize != null
            ? b.fallbackMaximumSize
            : FsmStorage.Builder.DEFAULT_FALLBACK_MAXIMUM_SIZE;
    this.mapper =
        b.objectMapper != null
            ? b.objectMapper
            : new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.defaultMapper = b.objectMapper == null;
    this.clock = b.clock;
  }
}
