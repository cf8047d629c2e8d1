package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.CreateInvoiceLink;
import io.github.remnawaveshop.telegram.api.methods.RefundStarPayment;
import io.github.remnawaveshop.telegram.api.methods.SendInvoice;
import io.github.remnawaveshop.telegram.api.types.LabeledPrice;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.RefundedPayment;
import io.github.remnawaveshop.telegram.api.types.SuccessfulPayment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram Stars ({@code XTR}) as a {@link PaymentGateway} with id {@value #ID}.
 *
 * <ul>
 *   <li>Checkout is an invoice with an empty provider token, one price line in Stars and the order
 *       reference as payload: a {@code createInvoiceLink} link ({@link StarsCheckoutMode#LINK}, the
 *       default; also the checkout's {@code paymentUrl}) or a {@code sendInvoice} message in the
 *       buyer's chat ({@link StarsCheckoutMode#CHAT}).
 *   <li>Payments do not arrive as HTTP notifications but as updates through the bot's own
 *       transport. {@link StarsPayments} turns them into {@link Notification}s signed with this
 *       gateway's notification key (random per process unless set), and {@link #verify} accepts
 *       only those: a request posted to a payment webhook endpoint with id {@code stars} has no
 *       valid signature and is rejected.
 *   <li>Refunds go through {@code refundStarPayment} ({@link RefundCapability}); the buyer of a
 *       charge comes from {@link StarsOrders}.
 * </ul>
 *
 * <p>Build with {@code StarsGateway.builder().bot(bot).build()} (share the bot the dispatcher
 * uses), or let {@code PaymentGateways} discovery create it from settings {@code
 * shop.payments.stars.bot-token} and {@code api-url} through {@link StarsGatewayProvider}.
 * Immutable and thread-safe; the token and the key never appear in {@code toString()}, logs or
 * exception messages. A gateway that made its own bot from settings closes it in {@link #close()}
 * (the bot's queue thread; its HTTP client too unless it is the shared {@link GatewayResources}
 * one); a bot given with {@link Builder#bot} stays open for its owner.
 */
public final class StarsGateway implements PaymentGateway, RefundCapability {
  /** The gateway id, used in payment rows and webhook paths. */
  public static final String ID = "stars";

  /** The only currency: Telegram Stars. */
  public static final String CURRENCY = "XTR";

  /** Event attribute with the Telegram id of the user who paid or was refunded. */
  public static final String ATTR_USER_ID = "telegram_user_id";

  /** The most a Stars subscription may cost per period. */
  public static final long MAX_SUBSCRIPTION_STARS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(StarsGateway.class);

  private final TelegramBot bot;
  private final StarsCheckoutMode mode;
  private final StarsOrders orders;
  private final StarsNotifications notifications;
  private final boolean ownsBot;

  private StarsGateway(Builder b, TelegramBot bot, boolean ownsBot) {
    this.bot = bot;
    this.ownsBot = ownsBot;
    this.mode = b.mode;
    this.orders = b.orders;
    Clock clock =
        b.clock != null ? b.clock : b.resources != null ? b.resources.clock() : Clock.systemUTC();
    this.notifications = new StarsNotifications(b.key, clock, b.tolerance);
  }

  /** A builder; {@link Builder#bot} (or {@link Builder#settings}) is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Stars gateway among discovered or added gateways, if one is there. */
  public static Optional<StarsGateway> in(PaymentGateways gateways) {
    return Objects.requireNonNull(gateways, "gateways")
        .get(ID)
        .filter(StarsGateway.class::isInstance)
        .map(StarsGateway.class::cast);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> supportedCurrencies() {
    return Set.of(CURRENCY);
  }

  /** The bot that makes invoices and refunds. */
  public TelegramBot bot() {
    return bot;
  }

  /** How invoices are presented. */
  public StarsCheckoutMode checkoutMode() {
    return mode;
  }

  /**
   * Makes the invoice for an order: a link ({@link StarsCheckoutMode#LINK}) or a message in the
   * buyer's chat ({@link StarsCheckoutMode#CHAT}). The checkout's {@code invoice} map holds {@code
   * payload}, {@code currency}, {@code amount}, {@code title}, {@code description} and {@code link}
   * or {@code chat_id}/{@code message_id}.
   *
   * @throws IllegalArgumentException when the currency is not {@code XTR}, the reference is not
   *     1-128 bytes, or the request cannot be made an invoice (no buyer chat, a subscription above
   *     10000 Stars or in chat mode)
   * @throws PaymentProviderException when Telegram refuses or cannot be reached
   */
  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    Objects.requireNonNull(request, "request");
    Money amount = request.amount();
    if (!CURRENCY.equals(amount.currency())) {
      throw new IllegalArgumentException(
          "Telegram Stars takes only " + CURRENCY + "; the request is in " + amount.currency());
    }
    String reference = request.orderReference();
    int bytes = reference.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > 128) {
      throw new IllegalArgumentException(
          "orderReference must be 1-128 bytes to be an invoice payload; was " + bytes);
    }
    if (request.recurring() && mode == StarsCheckoutMode.CHAT) {
      throw new IllegalArgumentException(
          "a Stars subscription needs an invoice link: use StarsCheckoutMode.LINK");
    }
    if (request.recurring() && amount.minorUnits() > MAX_SUBSCRIPTION_STARS) {
      throw new IllegalArgumentException(
          "a Stars subscription costs at most "
              + MAX_SUBSCRIPTION_STARS
              + " Stars per period; was "
              + amount.minorUnits());
    }
    String title = cut(request.description(), 32);
    String description = cut(request.description(), 255);
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("payload", reference);
    invoice.put("currency", CURRENCY);
    invoice.put("amount", amount.minorUnits());
    invoice.put("title", title);
    invoice.put("description", description);
    if (mode == StarsCheckoutMode.LINK) {
      List<LabeledPrice> prices = List.of(new LabeledPrice(title, amount.minorUnits()));
      CreateInvoiceLink call =
          new CreateInvoiceLink(
              title,
              description,
              reference,
              CURRENCY,
              prices,
              request.recurring() ? Optional.of(CreateInvoiceLink.THIRTY_DAYS) : Optional.empty());
      String link = call(call.name(), () -> bot.execute(call));
      URI url;
      try {
        url = URI.create(link);
      } catch (IllegalArgumentException e) {
        throw new PaymentProviderException(
            "createInvoiceLink answered something that is not a link", 200, null, e);
      }
      invoice.put("link", link);
      log.info("Stars invoice link made for order {} ({} XTR)", reference, amount.minorUnits());
      return Checkout.builder()
          .gatewayId(ID)
          .orderReference(reference)
          .providerReference(reference)
          .paymentUrl(url)
          .invoice(invoice)
          .build();
    }
    if (request.customerId() <= 0) {
      throw new IllegalArgumentException(
          "customerId must be the buyer's Telegram id to send an invoice; was "
              + request.customerId());
    }
    SendInvoice call =
        SendInvoice.stars(request.customerId(), title, description, reference, amount.minorUnits());
    Message sent = call(call.name(), () -> bot.execute(call));
    invoice.put("chat_id", sent.chat().id());
    invoice.put("message_id", sent.messageId());
    log.info(
        "Stars invoice sent for order {} ({} XTR) to chat {}",
        reference,
        amount.minorUnits(),
        sent.chat().id());
    return Checkout.builder()
        .gatewayId(ID)
        .orderReference(reference)
        .providerReference(reference)
        .invoice(invoice)
        .build();
  }

  /**
   * Accepts only notifications {@link StarsPayments} made from Telegram updates in this process:
   * signed with this gateway's key (constant-time comparison) within the tolerance. A {@code
   * successful_payment} becomes a {@code PAID} event whose provider event id and external payment
   * id are the {@code telegram_payment_charge_id}; a {@code refunded_payment} a {@code REFUNDED}
   * event with provider event id {@code refund:<charge id>}.
   */
  @Override
  public VerifiedNotification verify(Notification notification) {
    return notifications.verify(Objects.requireNonNull(notification, "notification"));
  }

  /** The signed notification of a {@code successful_payment} update (for {@link StarsPayments}). */
  Notification notificationOf(long userId, long date, SuccessfulPayment payment) {
    return notifications.paid(userId, date, payment);
  }

  /** The signed notification of a {@code refunded_payment} update (for {@link StarsPayments}). */
  Notification notificationOf(long userId, long date, RefundedPayment payment) {
    return notifications.refunded(userId, date, payment);
  }

  /**
   * Refunds a whole Stars payment with {@code refundStarPayment}; the buyer is looked up in {@link
   * StarsOrders}. The shop takes the days back when Telegram's {@code refunded_payment} message
   * arrives through {@link StarsPayments}.
   *
   * @param externalPaymentId the {@code telegram_payment_charge_id}
   * @param amount empty, or the whole amount paid (Stars refunds are all or nothing)
   * @param idempotencyKey not sent (Telegram has none; refunding a refunded charge fails with
   *     {@code CHARGE_ALREADY_REFUNDED})
   * @throws IllegalArgumentException when a part of the payment is asked for
   * @throws PaymentProviderException when the charge is unknown, or Telegram refuses or cannot be
   *     reached
   */
  @Override
  public RefundResult refund(
      String externalPaymentId, Optional<Money> amount, String idempotencyKey) {
    Objects.requireNonNull(externalPaymentId, "externalPaymentId");
    Objects.requireNonNull(amount, "amount");
    StarsCharge charge =
        orders
            .charge(externalPaymentId)
            .filter(c -> c.buyerTelegramId() > 0)
            .orElseThrow(
                () ->
                    new PaymentProviderException(
                        "no buyer is known for Stars charge "
                            + externalPaymentId
                            + "; give the gateway StarsOrders.of(store) or call refund(buyerTelegramId, chargeId)",
                        0,
                        null,
                        null));
    if (amount.isPresent() && !amount.get().equals(charge.amount())) {
      throw new IllegalArgumentException(
          "Telegram Stars refunds whole payments only: the charge was "
              + charge.amount()
              + ", asked "
              + amount.get());
    }
    return refund(charge.buyerTelegramId(), externalPaymentId);
  }

  /**
   * Refunds a whole Stars payment of a known buyer.
   *
   * @param buyerTelegramId the user who paid
   * @param telegramPaymentChargeId the charge
   * @return the charge id as refund id, status {@code succeeded}
   * @throws PaymentProviderException when Telegram refuses (e.g. already refunded) or cannot be
   *     reached
   */
  public RefundResult refund(long buyerTelegramId, String telegramPaymentChargeId) {
    RefundStarPayment call =
        new RefundStarPayment(
            buyerTelegramId,
            Objects.requireNonNull(telegramPaymentChargeId, "telegramPaymentChargeId"));
    call(call.name(), () -> bot.execute(call));
    log.info("Stars charge {} of user {} refunded", telegramPaymentChargeId, buyerTelegramId);
    return new RefundResult(telegramPaymentChargeId, "succeeded");
  }

  private static <T> T call(String method, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (TelegramApiException e) {
      throw new PaymentProviderException(
          "Telegram " + method + " failed: " + e.description(),
          e.errorCode(),
          e.errorCode() == 0 ? null : Integer.toString(e.errorCode()),
          e);
    }
  }

  private static String cut(String text, int max) {
    String t = text.strip();
    return t.codePointCount(0, t.length()) <= max
        ? t
        : t.substring(0, t.offsetByCodePoints(0, max - 1)) + "…";
  }

  /**
   * Closes the bot this gateway made from its settings, if it did; a given bot stays open.
   * Idempotent.
   */
  @Override
  public void close() {
    if (ownsBot) {
      bot.close();
    }
  }

  @Override
  public String toString() {
    return "StarsGateway["
        + ID
        + ", bot "
        + bot.botId()
        + ", "
        + mode.name().toLowerCase(Locale.ROOT)
        + "]";
  }

  /** Builder of {@link StarsGateway}; not thread-safe. */
  public static final class Builder {
    private TelegramBot bot;
    private StarsCheckoutMode mode = StarsCheckoutMode.LINK;
    private StarsOrders orders = StarsOrders.none();
    private Secret key;
    private Clock clock;
    private Duration tolerance = Duration.ofMinutes(5);
    private TelegramBot.Builder ownBot;
    private GatewaySettings ownBotSettings;
    private GatewayResources resources;

    private Builder() {}

    /** The bot that makes invoices and refunds (required unless {@link #settings} creates one). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      this.ownBot = null;
      return this;
    }

    /**
     * The shop's shared resources: a bot made from {@link #settings} calls the Bot API through
     * {@code resources.httpClient()}, and signatures use {@code resources.clock()} unless {@link
     * #clock} is set. The shared client is never closed by the gateway.
     */
    public Builder resources(GatewayResources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** How invoices are presented (default {@link StarsCheckoutMode#LINK}). */
    public Builder checkoutMode(StarsCheckoutMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Where refunds find the buyer of a charge (default {@link StarsOrders#none()}). */
    public Builder orders(StarsOrders orders) {
      this.orders = Objects.requireNonNull(orders, "orders");
      return this;
    }

    /**
     * The key notifications are signed with (default: 32 random bytes per gateway instance, which
     * is right: the router that signs and the gateway that verifies live in the same process). Set
     * it in tests.
     */
    public Builder notificationKey(Secret key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The clock of signatures (default: the resources' clock, else the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How old a signed notification may be (default 5 minutes; 1 s to 1 h). */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      if (tolerance.compareTo(Duration.ofSeconds(1)) < 0
          || tolerance.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "tolerance must be between 1 s and 1 h; was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Configures from settings (prefix {@code shop.payments.stars.} stripped): {@code bot-token}
     * (required, a secret) makes {@link #build()} create the gateway's own bot (closed by the
     * gateway), {@code api-url} points it at a local Bot API server, {@code checkout} is {@code
     * link} or {@code chat}.
     *
     * @throws io.github.remnawaveshop.core.payment.GatewayConfigurationException naming a missing
     *     or bad setting
     */
    public Builder settings(GatewaySettings settings) {
      Objects.requireNonNull(settings, "settings");
      settings.requireAll(StarsGatewayProvider.REQUIRED);
      Secret token = settings.secret("bot-token");
      TelegramBot.Builder b = TelegramBot.builder().token(token);
      Optional<URI> api = Optional.ofNullable(settings.uri("api-url", null));
      try {
        api.ifPresent(u -> b.baseUrl(u.toString().endsWith("/") ? u.toString() : u + "/"));
      } catch (IllegalArgumentException e) {
        throw settings.invalid("api-url", "must be an http(s) URL");
      }
      String checkout = settings.get("checkout").orElse("link").toUpperCase(Locale.ROOT);
      try {
        this.mode = StarsCheckoutMode.valueOf(checkout);
      } catch (IllegalArgumentException e) {
        throw settings.invalid(
            "checkout", "must be link or chat; was '" + settings.get("checkout").orElse("") + "'");
      }
      this.ownBot = b;
      this.ownBotSettings = settings;
      this.bot = null;
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws IllegalStateException when no bot was given
     */
    public StarsGateway build() {
      if (bot == null && ownBot != null) {
        if (resources != null) {
          ownBot.httpClient(resources.httpClient());
        }
        TelegramBot made;
        try {
          made = ownBot.build();
        } catch (IllegalArgumentException e) {
          throw ownBotSettings.invalid(
              "bot-token", "must look like '<bot id>:<secret>' as BotFather gives it");
        }
        return new StarsGateway(this, made, true);
      }
      if (bot == null) {
        throw new IllegalStateException(
            "bot must be set: StarsGateway.builder().bot(bot), or settings(...) with "
                + "bot-token");
      }
      if (key == null) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        key = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      }
      return new StarsGateway(this, bot, false);
    }
  }
}
