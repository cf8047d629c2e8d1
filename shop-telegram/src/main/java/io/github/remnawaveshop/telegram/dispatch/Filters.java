package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.telegram.api.types.ChatType;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import io.github.remnawaveshop.telegram.api.types.User;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The usual filters. */
public final class Filters {
  private Filters() {}

  /** Every update. */
  public static Filter any() {
    return ctx -> true;
  }

  /** Updates of one kind. */
  public static Filter kind(UpdateKind kind) {
    Objects.requireNonNull(kind, "kind");
    return ctx -> ctx.kind() == kind;
  }

  /**
   * A message that is the command {@code /name} (also {@code /name@thisbot}), with or without
   * arguments; a {@code /start} deep link's payload is {@link Context#commandArgs()}.
   */
  public static Filter command(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_]{1,32}")) {
      throw new IllegalArgumentException(
          "command must be 1-32 characters of A-Z a-z 0-9 _; was '" + name + "'");
    }
    return ctx -> ctx.command().map(name::equalsIgnoreCase).orElse(false);
  }

  /** A text message (not a command) matching the predicate. */
  public static Filter text(Predicate<String> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return ctx ->
        ctx.kind() == UpdateKind.MESSAGE
            && ctx.message().flatMap(m -> m.text()).isPresent()
            && ctx.command().isEmpty()
            && predicate.test(ctx.text());
  }

  /** A text message matching the regular expression entirely. */
  public static Filter textMatches(String regex) {
    Pattern p = Pattern.compile(regex);
    return text(t -> p.matcher(t).matches());
  }

  /** A button press whose data starts with {@code prefix}. */
  public static Filter callbackPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return ctx -> ctx.callbackData().map(d -> d.startsWith(prefix)).orElse(false);
  }

  /** The conversation is in one of the FSM states (needs an FSM on the dispatcher). */
  public static Filter state(String... states) {
    Set<String> wanted = Set.copyOf(Arrays.asList(states));
    return ctx -> ctx.hasFsm() && ctx.fsm().state().map(wanted::contains).orElse(false);
  }

  /** The conversation has no FSM state. */
  public static Filter noState() {
    return ctx -> !ctx.hasFsm() || ctx.fsm().state().isEmpty();
  }

  /** Updates in chats of one of these kinds. */
  public static Filter chatType(ChatType... types) {
    Set<ChatType> wanted = Set.copyOf(Arrays.asList(types));
    return ctx -> ctx.chatType().map(wanted::contains).orElse(false);
  }

  /** Updates from a user matching the predicate. */
  public static Filter user(Predicate<User> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return ctx -> ctx.user().map(predicate::test).orElse(false);
  }

  /** Updates from users whose id matches, e.g. {@code Filters.userId(admins::contains)}. */
  public static Filter userId(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return ctx -> ctx.user().map(u -> predicate.test(u.id())).orElse(false);
  }
}
