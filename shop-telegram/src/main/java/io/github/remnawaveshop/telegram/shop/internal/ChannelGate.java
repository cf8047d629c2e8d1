package io.github.remnawaveshop.telegram.shop.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.methods.GetChatMember;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Handler;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** "Join our channel first": users who are not members get the invitation instead of the shop. */
final class ChannelGate {
  private static final Logger log = LoggerFactory.getLogger(ChannelGate.class);
  private static final CallbackCodec<Boolean> CHECK = CallbackCodec.ofMarker("ch");

  private final ShopServices s;
  private final Cache<Long, Boolean> members =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  ChannelGate(ShopServices s) {
    this.s = s;
  }

  void register(Router.Builder r, Handler menu) {
    if (s.channel().isEmpty()) {
      return;
    }
    r.callback(
        CHECK,
        (ctx, v) -> {
          members.invalidate(ctx.userId());
          if (isMember(ctx.userId())) {
            ctx.answer();
            menu.handle(ctx);
          } else {
            ctx.alert(ctx.t("channel.not_yet"));
          }
        });
    r.on(
        "channel-gate",
        ctx ->
            ctx.userId() != 0
                && !s.isAdmin(ctx.userId())
                && (ctx.kind() == UpdateKind.MESSAGE || ctx.kind() == UpdateKind.CALLBACK_QUERY)
                && !isMember(ctx.userId()),
        this::invite);
  }

  private void invite(Context ctx) {
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.column(
            List.of(
                InlineKeyboardButton.url(ctx.t("channel.join"), s.channelUrl().orElseThrow()),
                CHECK.button(ctx.t("channel.check"), true)));
    Screens.show(ctx, ctx.t("channel.required"), kb);
  }

  private boolean isMember(long userId) {
    Boolean known = members.getIfPresent(userId);
    if (known != null) {
      return known;
    }
    try {
      boolean member =
          s.bot().execute(new GetChatMember(s.channel().orElseThrow(), userId)).isPresent();
      if (member) {
        members.put(userId, true);
      }
      return member;
    } catch (TelegramApiException e) {
      log.warn(
          "Could not check channel membership of {}: {}; letting the user in",
          userId,
          e.getMessage());
      return true;
    }
  }
}
