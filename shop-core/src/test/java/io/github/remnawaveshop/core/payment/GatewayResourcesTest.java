package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GatewayResources} and how {@link PaymentGateways} shares and closes them. Two providers
 * written against the two-argument {@code create} are registered in {@code META-INF/services} next
 * to the one-argument {@code PaymentGatewaysTest.FakeProvider}, which shows that plugins written
 * before resources existed still work.
 */
class GatewayResourcesTest {
  private static final List<SharingGateway> CREATED = new ArrayList<>();
  private final OkHttpClient appClient = ProviderHttp.defaultClient();

  /** A provider that records the resources it is given. */
  abstract static class SharingProvider implements PaymentGatewayProvider {
    @Override
    public Set<String> requiredSettings() {
      return Set.of("key");
    }

    @Override
    public PaymentGateway create(GatewaySettings settings) {
      settings.requireAll(requiredSettings());
      return record(new SharingGateway(id(), null));
    }

    @Override
    public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
      settings.requireAll(requiredSettings());
      return record(new SharingGateway(id(), resources));
    }

    private static SharingGateway record(SharingGateway g) {
      synchronized (CREATED) {
        CREATED.add(g);
      }
      return g;
    }
  }

  /** Registered in src/test/resources/META-INF/services. */
  public static final class SharingProviderA extends SharingProvider {
    @Override
    public String id() {
      return "sharing-a";
    }
  }

  /** Registered in src/test/resources/META-INF/services. */
  public static final class SharingProviderB extends SharingProvider {
    @Override
    public String id() {
      return "sharing-b";
    }
  }

  static final class SharingGateway implements PaymentGateway {
    final String id;
    final GatewayResources resources;
    final AtomicInteger closes = new AtomicInteger();

    SharingGateway(String id, GatewayResources resources) {
      this.id = id;
      this.resources = resources;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<String> supportedCurrencies() {
      return Set.of("USD");
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
      return Checkout.builder()
          .gatewayId(id)
          .orderReference(request.orderReference())
          .providerReference("p")
          .paymentUrl(URI.create("https://pay.example/p"))
          .build();
    }

    @Override
    public VerifiedNotification verify(Notification notification) {
      throw new PaymentVerificationException(
          PaymentVerificationException.Reason.MISSING_SIGNATURE, "no signature");
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @AfterEach
  void release() {
    ProviderHttp.release(appClient);
    synchronized (CREATED) {
      CREATED.clear();
    }
  }

  private static GatewaySettings configured(String id) {
    Properties p = new Properties();
    p.setProperty("shop.payments.sharing-a.key", "a-key-value");
    p.setProperty("shop.payments.sharing-b.key", "b-key-value");
    p.setProperty("shop.payments.fake.api-key", "sk_test_1");
    p.setProperty("shop.payments.fake.webhook-secret", "whsec_1");
    return GatewaySettings.fromProperties(id, p);
  }

  private static SharingGateway gateway(PaymentGateways gateways, String id) {
    return (SharingGateway) gateways.get(id).orElseThrow();
  }

  @Test
  void builderNeedsAClientAndKeepsWhatItIsGiven() {
    assertThatThrownBy(() -> GatewayResources.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("httpClient");
    GatewayResources r = GatewayResources.builder().httpClient(appClient).build();
    assertThat(r.httpClient()).isSameAs(appClient);
    assertThat(r.clock()).isEqualTo(Clock.systemUTC());

    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    GatewayResources changed = r.toBuilder().clock(fixed).build();
    assertThat(changed.httpClient()).isSameAs(appClient);
    assertThat(changed.clock()).isSameAs(fixed);
    assertThat(r.clock()).as("the original is unchanged").isEqualTo(Clock.systemUTC());
    assertThatThrownBy(() -> GatewayResources.builder().httpClient(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("httpClient");
  }

  @Test
  void everyDiscoveredProviderGetsTheSameBuiltClientWhichCloseReleases() {
    PaymentGateways gateways =
        PaymentGateways.builder().discover(GatewayResourcesTest::configured).build();
    SharingGateway a = gateway(gateways, "sharing-a");
    SharingGateway b = gateway(gateways, "sharing-b");
    assertThat(a.resources).as("discovery passes resources").isNotNull();
    assertThat(b.resources).isSameAs(a.resources);
    OkHttpClient shared = a.resources.httpClient();
    assertThat(shared.connectTimeoutMillis())
        .isEqualTo(ProviderHttp.DEFAULT_CONNECT_TIMEOUT.toMillis());
    // the one-argument plugin is still discovered, through the default method
    assertThat(gateways.get("fake")).isPresent();

    gateways.close();
    assertThat(a.closes).hasValue(1);
    assertThat(b.closes).hasValue(1);
    assertThat(shared.dispatcher().executorService().isShutdown())
        .as("the client discovery built is released")
        .isTrue();
    gateways.close();
    assertThat(a.closes).as("close is idempotent").hasValue(1);
  }

  @Test
  void givenResourcesReachEveryProviderAndStayOpen() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    GatewayResources mine = GatewayResources.builder().httpClient(appClient).clock(fixed).build();
    PaymentGateways gateways =
        PaymentGateways.builder()
            .resources(mine)
            .discover(GatewayResourcesTest::configured)
            .build();
    SharingGateway a = gateway(gateways, "sharing-a");
    SharingGateway b = gateway(gateways, "sharing-b");
    assertThat(a.resources).isSameAs(mine);
    assertThat(b.resources).isSameAs(mine);
    assertThat(a.resources.httpClient().connectionPool()).isSameAs(appClient.connectionPool());
    assertThat(b.resources.httpClient().dispatcher()).isSameAs(appClient.dispatcher());

    gateways.close();
    assertThat(a.closes).hasValue(1);
    assertThat(b.closes).hasValue(1);
    assertThat(appClient.dispatcher().executorService().isShutdown())
        .as("the caller's client stays open")
        .isFalse();
  }

  @Test
  void explicitlyAddedGatewaysBelongToTheCaller() {
    SharingGateway mine = new SharingGateway("sharing-a", null);
    PaymentGateways gateways =
        PaymentGateways.builder().add(mine).discover(GatewayResourcesTest::configured).build();
    assertThat(gateways.get("sharing-a")).containsSame(mine);
    SharingGateway b = gateway(gateways, "sharing-b");
    gateways.close();
    assertThat(mine.closes).as("added, not created: not closed").hasValue(0);
    assertThat(b.closes).hasValue(1);
  }

  @Test
  void noClientIsBuiltWhenNothingIsDiscovered() {
    PaymentGateways none =
        PaymentGateways.builder().discover(id -> GatewaySettings.of(id, Map.of())).build();
    assertThat(none.all()).isEmpty();
    assertThat(CREATED).isEmpty();
    none.close();
  }

  @Test
  void aStrictFailureClosesTheGatewaysAlreadyCreated() {
    Properties p = new Properties();
    p.setProperty("shop.payments.sharing-a.key", "a-key-value");
    p.setProperty("shop.payments.sharing-b.key", "b-key-value");
    p.setProperty("shop.payments.fake.api-key", "sk_test_1"); // webhook-secret missing
    assertThatThrownBy(
            () ->
                PaymentGateways.builder()
                    .discover(id -> GatewaySettings.fromProperties(id, p))
                    .build())
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("webhook-secret");
    assertThat(CREATED).hasSize(2).allSatisfy(g -> assertThat(g.closes).hasValue(1));
    assertThat(CREATED.get(0).resources.httpClient().dispatcher().executorService().isShutdown())
        .isTrue();
  }

  @Test
  void aGatewayIsAutoCloseableAndClosingTheDefaultDoesNothing() {
    PaymentGateway plain = new PaymentGatewaysTest.FakeGateway("fake", Secret.of("k"));
    try (PaymentGateway g = plain) {
      assertThat(g.id()).isEqualTo("fake");
    }
    plain.close();
  }
}
