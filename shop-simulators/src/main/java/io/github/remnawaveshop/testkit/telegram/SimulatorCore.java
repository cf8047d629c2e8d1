package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The simulator's whole state behind one lock ({@link WireJson} renders it). Every change bumps
 * {@link #version} and signals {@link #changed}, which long polls, webhook workers, awaits and
 * payments wait on.
 */
final class SimulatorCore {
  /** Update types Telegram leaves out unless asked for explicitly. */
  static final Set<String> NOT_DEFAULT_UPDATES =
      Set.of("chat_member", "message_reaction", "message_reaction_count");

  final ReentrantLock lock = new ReentrantLock();
  final Condition changed = lock.newCondition();
  final Clock clock;
  final String token;
  final long botId;
  final String botUsername;
  final String botName;
  final Duration preCheckoutTimeout;
  final Duration webhookRetryBackoff;
  final Map<Long, ChatState> chats = new LinkedHashMap<>();
  final Map<Long, SimulatedUser> users = new LinkedHashMap<>();
  final TreeMap<Long, PendingUpdate> pending = new TreeMap<>();
  long nextUpdateId = 700_000_001L;
  long deliveredCount;

  /** Null means Telegram's default set. */
  Set<String> allowedUpdates;

  WebhookConfig webhook;
  String lastWebhookError;
  long lastWebhookErrorDate;
  long pollGeneration;
  final List<RecordedRequest> requests = new ArrayList<>();
  final FloodControl flood;

  /** The wire JSON of the state's objects. */
  final WireJson json;

  final Map<String, Deque<Fault>> faults = new HashMap<>();
  final Map<String, CallbackState> callbacks = new LinkedHashMap<>();
  final Map<String, PreCheckoutState> preCheckouts = new HashMap<>();
  final Map<String, ChargeState> charges = new LinkedHashMap<>();
  final Map<String, SimulatedInvoice> invoiceLinks = new LinkedHashMap<>();
  final Map<String, SentFile> files = new HashMap<>();
  JsonNode commands = RequestParams.MAPPER.createArrayNode();
  long version;
  private final AtomicLong ids = new AtomicLong(1);

  /** A webhook as set by setWebhook. */
  record WebhookConfig(String url, String secret, int maxConnections, Set<String> allowedUpdates) {}

  /** A queued failure for the next call of a method. */
  record Fault(int code, String description, Duration retryAfter, boolean html) {}

  /** A callback query sent and whether it was answered. */
  static final class CallbackState {
    final String id;
    final long userId;
    final long chatId;
    final long messageId;
    final String data;
    boolean answered;
    String answerText;
    boolean showAlert;

    CallbackState(String id, long userId, long chatId, long messageId, String data) {
      this.id = id;
      this.userId = userId;
      this.chatId = chatId;
      this.messageId = messageId;
      this.data = data;
    }

    SimulatedCallbackQuery toRecord() {
      return new SimulatedCallbackQuery(
          id,
          userId,
          chatId,
          messageId,
          data,
          answered,
          Optional.ofNullable(answerText),
          showAlert);
    }
  }

  /** A pre-checkout query sent and the bot's answer. */
  static final class PreCheckoutState {
    final String id;
    final long userId;
    boolean answered;
    boolean ok;
    String errorMessage;

    PreCheckoutState(String id, long userId) {
      this.id = id;
      this.userId = userId;
    }
  }

  /** A completed Stars payment. */
  static final class ChargeState {
    final String chargeId;
    final long userId;
    final SimulatedInvoice invoice;
    boolean refunded;

    ChargeState(String chargeId, long userId, SimulatedInvoice invoice) {
      this.chargeId = chargeId;
      this.userId = userId;
      this.invoice = invoice;
    }
  }

  SimulatorCore(BotApiSimulator.Builder b, String token) {
    this.clock = b.clock;
    this.token = token;
    this.botId = Long.parseLong(token.substring(0, token.indexOf(':')));
    this.botUsername = b.botUsername;
    this.botName = b.botName;
    this.preCheckoutTimeout = b.preCheckoutTimeout;
    this.webhookRetryBackoff = b.webhookRetryBackoff;
    this.flood = new FloodControl(b.limits, b.nanoTime);
    this.json = new WireJson(botId, botUsername, botName, users);
  }

  // ---- locking helpers

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  void lockedRun(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Marks a change; the caller holds the lock. */
  void touch() {
    version++;
    changed.signalAll();
  }

  /**
   * Waits, holding the lock between checks, until {@code check} gives a value or the timeout
   * passes.
   */
  <T> Optional<T> await(Supplier<Optional<T>> check, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        Optional<T> v = check.get();
        if (v.isPresent()) {
          return v;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  String newId(String prefix) {
    long n = ids.getAndIncrement();
    return prefix
        + Long.toString(botId, 36)
        + Long.toString(System.nanoTime() & 0xffffff, 36)
        + Long.toString(n, 36);
  }

  long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  // ---- chats and users (caller holds the lock)

  ChatState privateChat(SimulatedUser user) {
    ChatState chat = chats.get(user.id());
    if (chat == null) {
      chat = new ChatState(user.id(), "private", null);
      chat.user = user;
      chats.put(user.id(), chat);
    }
    return chat;
  }

  ChatState groupChat(long id) {
    return chats.computeIfAbsent(
        id,
        k ->
            new ChatState(
                k, Long.toString(k).startsWith("-100") ? "supergroup" : "group", "Group " + k));
  }

  ChatState channel(long id) {
    return chats.computeIfAbsent(id, k -> new ChatState(k, "channel", "Channel " + k));
  }

  /** A chat the bot may write to, or the error Telegram would answer. */
  ChatState writableChat(long chatId) {
    ChatState chat = chats.get(chatId);
    if (chat == null) {
      throw ApiError.chatNotFound();
    }
    if (chat.migratedTo != null) {
      throw ApiError.migrated(chat.migratedTo);
    }
    if (chat.blocked) {
      throw ApiError.of(403, "Forbidden: bot was blocked by the user");
    }
    return chat;
  }

  MessageState newMessage(ChatState chat, boolean fromBot, long fromUserId) {
    MessageState m =
        new MessageState(chat.nextMessageId++, chat.id, fromBot, fromUserId, clock.instant());
    chat.messages.add(m);
    m.version = ++version;
    chat.version = m.version;
    return m;
  }

  void messageChanged(ChatState chat, MessageState m) {
    m.version = ++version;
    chat.version = m.version;
    changed.signalAll();
  }

  // ---- updates (caller holds the lock)

  boolean allowed(String type, Set<String> filter) {
    return filter == null || filter.isEmpty()
        ? !NOT_DEFAULT_UPDATES.contains(type)
        : filter.contains(type);
  }

  Set<String> activeFilter() {
    return webhook != null ? webhook.allowedUpdates() : allowedUpdates;
  }

  long enqueue(String type, ObjectNode payload) {
    long id = nextUpdateId++;
    if (allowed(type, activeFilter())) {
      ObjectNode update = RequestParams.MAPPER.createObjectNode();
      update.put("update_id", id);
      update.set(type, payload);
      pending.put(id, new PendingUpdate(id, type, update));
    }
    touch();
    return id;
  }

  void markDelivered(PendingUpdate u) {
    if (!u.delivered) {
      u.delivered = true;
      deliveredCount++;
    }
  }

  /** A message from a user in a chat, sent to the bot as a {@code message} update. */
  long userMessage(SimulatedUser user, ChatState chat, String text, ObjectNode extra) {
    MessageState m = newMessage(chat, false, user.id());
    m.text = text == null ? "" : text;
    m.formatted = FormattedText.plain(m.text);
    m.extra = extra;
    if (extra != null) {
      m.kind = extra.fieldNames().next();
    }
    if (chat.type.equals("group") || chat.type.equals("supergroup")) {
      chat.members.add(user.id());
    }
    ObjectNode json = this.json.messageJson(chat, m);
    return enqueue("message", json);
  }

  // ---- faults (caller holds the lock)

  Fault takeFault(String method) {
    Deque<Fault> q = faults.get(method.toLowerCase(Locale.ROOT));
    return q == null ? null : q.pollFirst();
  }

  void addFault(String method, Fault fault) {
    faults.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).addLast(fault);
  }
}
