package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import java.util.List;

/** The shop's callback data: one codec per kind of button. */
public final class Nav {
  private Nav() {}

  /** A screen of the user menu: menu, buy, trial, sub, promo, ref, lang, help, channel. */
  public static final CallbackCodec<String> SCREEN = CallbackCodec.ofString("m");

  /** A plan chosen in the catalog. */
  public static final CallbackCodec<String> PLAN = CallbackCodec.ofString("p");

  /** A promo code for a purchase of a plan. */
  public static final CallbackCodec<String> PLAN_PROMO = CallbackCodec.ofString("pp");

  /** A language chosen. */
  public static final CallbackCodec<String> LANGUAGE = CallbackCodec.ofString("l");

  /** An action on the subscription screen: qr, reset, revoke. */
  public static final CallbackCodec<String> SUBSCRIPTION = CallbackCodec.ofString("s");

  /** Pay for a plan with a gateway in a currency. */
  public static final CallbackCodec<Pay> PAY =
      CallbackCodec.of(
          "pay",
          f -> new Pay(f.get(0), f.get(1), f.get(2)),
          p -> List.of(p.plan(), p.gateway(), p.currency()));

  /**
   * A payment choice.
   *
   * @param plan the plan code
   * @param gateway the gateway id
   * @param currency the currency
   */
  public record Pay(String plan, String gateway, String currency) {}
}
