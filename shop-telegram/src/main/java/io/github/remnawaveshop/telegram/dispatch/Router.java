package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Routes in registration order: the first whose filter matches handles the update. A router may
 * have a filter of its own (e.g. admins only) and include other routers. Immutable once built;
 * build with {@link #builder()}.
 *
 * <pre>{@code
 * Router.builder()
 *     .command("help", ctx -> ctx.reply(ctx.t("help.body")))
 *     .callback(MENU, (ctx, item) -> ctx.edit(menuFor(item), keyboard))
 *     .state("promo.enter", ctx -> redeem(ctx, ctx.text()))
 *     .build();
 * }</pre>
 */
public final class Router {
  private final String name;
  private final Filter filter;
  private final List<Route> routes;

  private Router(Builder b) {
    this.name = b.name;
    this.filter = b.filter;
    this.routes = List.copyOf(b.routes);
  }

  /** A builder of an unnamed router. */
  public static Builder builder() {
    return new Builder("router");
  }

  /** A builder of a named router (the name appears in logs as {@code name/route}). */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /** The router's name. */
  public String name() {
    return name;
  }

  /** Runs the first matching route; false when none matched. */
  boolean handle(Context ctx) throws Exception {
    if (!filter.test(ctx)) {
      return false;
    }
    for (Route route : routes) {
      if (route.router != null) {
        if (route.router.handle(ctx)) {
          return true;
        }
      } else if (route.filter.test(ctx)) {
        ctx.attribute(Dispatcher.ROUTE_ATTRIBUTE, name + "/" + route.name);
        route.handler.handle(ctx);
        return true;
      }
    }
    return false;
  }

  private record Route(String name, Filter filter, Handler handler, Router router) {}

  /** Builder of {@link Router}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Route> routes = new ArrayList<>();
    private Filter filter = Filters.any();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Only updates passing this filter reach this router's routes (e.g. {@code
     * Filters.userId(admins::contains)}).
     */
    public Builder filter(Filter filter) {
      this.filter = this.filter.and(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** A route for the command {@code /name}. */
    public Builder command(String name, Handler handler) {
      return on("/" + name, Filters.command(name), handler);
    }

    /** A route for the command {@code /name} when the filter also matches. */
    public Builder command(String name, Filter filter, Handler handler) {
      return on("/" + name, Filters.command(name).and(filter), handler);
    }

    /** A route for text messages (not commands) matching the filter. */
    public Builder text(Filter filter, Handler handler) {
      return on("text", Filters.text(t -> true).and(filter), handler);
    }

    /** A route for button presses whose data the codec decodes. */
    public <T> Builder callback(CallbackCodec<T> codec, CallbackHandler<T> handler) {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(handler, "handler");
      return on(
          "callback:" + codec.prefix(),
          ctx -> ctx.callbackData().flatMap(codec::decode).isPresent(),
          ctx -> handler.handle(ctx, ctx.callbackData().flatMap(codec::decode).orElseThrow()));
    }

    /**
     * A route for any message while the conversation is in an FSM state (commands are messages
     * too).
     */
    public Builder state(String state, Handler handler) {
      return on(
          "state:" + state, Filters.kind(UpdateKind.MESSAGE).and(Filters.state(state)), handler);
    }

    /** A route for pre-checkout queries (answer within 10 s). */
    public Builder preCheckout(Handler handler) {
      return on("pre_checkout", Filters.kind(UpdateKind.PRE_CHECKOUT_QUERY), handler);
    }

    /** A route for successful-payment messages. */
    public Builder successfulPayment(Handler handler) {
      return on("successful_payment", Filters.kind(UpdateKind.SUCCESSFUL_PAYMENT), handler);
    }

    /** A route for the bot's own membership changes (blocked, unblocked). */
    public Builder myChatMember(Handler handler) {
      return on("my_chat_member", Filters.kind(UpdateKind.MY_CHAT_MEMBER), handler);
    }

    /** A route for any update passing the filter. */
    public Builder on(Filter filter, Handler handler) {
      return on("on#" + routes.size(), filter, handler);
    }

    /** A named route for any update passing the filter. */
    public Builder on(String routeName, Filter filter, Handler handler) {
      Objects.requireNonNull(routeName, "routeName");
      routes.add(
          new Route(
              routeName,
              Objects.requireNonNull(filter, "filter"),
              Objects.requireNonNull(handler, "handler"),
              null));
      return this;
    }

    /**
     * The routes of another router, tried at this point of the order (with that router's own
     * filter).
     */
    public Builder include(Router router) {
      routes.add(new Route(router.name(), null, null, Objects.requireNonNull(router, "router")));
      return this;
    }

    /** The router. */
    public Router build() {
      return new Router(this);
    }
  }
}
