package io.github.remnawaveshop.core.payment;

import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What every payment gateway of a shop shares, built once and handed to each {@link
 * PaymentGatewayProvider#create(GatewaySettings, GatewayResources) provider}: the HTTP client and
 * the clock. A gateway derives its own variant of the client with {@code httpClient().newBuilder()}
 * (other timeouts, an interceptor), which keeps the connection pool and the dispatcher shared.
 *
 * <pre>{@code
 * GatewayResources resources = GatewayResources.builder()
 *     .httpClient(appClient)            // or ProviderHttp.defaultClient()
 *     .build();
 * PaymentGateways gateways = PaymentGateways.builder().resources(resources).discover(settings).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. It owns nothing: whoever built the client closes it, after the
 * gateways that use it. A gateway given these resources never closes the client (see {@link
 * PaymentGateway#close()}).
 */
public final class GatewayResources {
  private final OkHttpClient httpClient;
  private final Clock clock;

  private GatewayResources(Builder b) {
    this.httpClient = Objects.requireNonNull(b.httpClient, "httpClient"); // checked by build()
    this.clock = b.clock;
  }

  /**
   * A builder; {@link Builder#httpClient} is required, the clock defaults to {@link
   * Clock#systemUTC()}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these resources, to change one of them. */
  public Builder toBuilder() {
    return new Builder().httpClient(httpClient).clock(clock);
  }

  /**
   * The shared HTTP client every gateway calls its provider through (derive variants with {@code
   * newBuilder()}).
   */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** The clock gateways take "now" from: signed timestamps, token expiry, event times. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "GatewayResources[clock=" + clock + "]";
  }

  /** Builder of {@link GatewayResources}; not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The client to share (required): the application's own, or {@link
     * ProviderHttp#defaultClient()} for the SDK's provider timeouts. The caller keeps owning it.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** The clock (default {@link Clock#systemUTC()}); tests give a fixed one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the resources.
     *
     * @throws IllegalStateException when no HTTP client was given
     */
    public GatewayResources build() {
      if (httpClient == null) {
        throw new IllegalStateException(
            "httpClient must be set: GatewayResources.builder().httpClient(client), "
                + "e.g. ProviderHttp.defaultClient() (the resources never create a client, so they never own one)");
      }
      return new GatewayResources(this);
    }
  }
}
