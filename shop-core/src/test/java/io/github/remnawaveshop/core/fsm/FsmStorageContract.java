package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link FsmStorage} backend must show; each backend's test extends this. */
abstract class FsmStorageContract {
  private static final AtomicLong CHAT = new AtomicLong(1000);
  private final List<FsmStorage> opened = new ArrayList<>();
  FsmStorage fsm;
  StorageKey key;

  /** Adds the backend (e.g. Redis and a key prefix) to the builder. */
  abstract FsmStorage.Builder backend(FsmStorage.Builder builder);

  FsmStorage open(FsmStorage.Builder builder) {
    FsmStorage s = backend(builder).build();
    opened.add(s);
    return s;
  }

  @BeforeEach
  void setUpContract() {
    fsm = open(FsmStorage.builder());
    long chat = CHAT.incrementAndGet();
    key = StorageKey.of(42, chat, chat + 500_000);
  }

  @AfterEach
  void closeAll() {
    opened.forEach(FsmStorage::close);
  }

  record Order(String plan, long amountMinor, List<String> tags) {}

  @Test
  void anUnknownKeyHasNoStateAndNoData() {
    assertThat(fsm.getState(key)).isEmpty();
    assertThat(fsm.getData(key)).isEmpty();
    assertThat(fsm.read(key).isEmpty()).isTrue();
  }

  @Test
  void stateIsSetReadAndClearedWithoutTouchingData() {
    fsm.setState(key, "Checkout:choosePlan");
    fsm.updateData(key, "plan", "month");
    assertThat(fsm.getState(key)).contains("Checkout:choosePlan");
    fsm.setState(key, "Checkout:pay");
    assertThat(fsm.read(key))
        .isEqualTo(new FsmSnapshot(java.util.Optional.of("Checkout:pay"), Map.of("plan", "month")));
    fsm.clearState(key);
    assertThat(fsm.getState(key)).isEmpty();
    assertThat(fsm.getData(key)).containsEntry("plan", "month");
  }

  @Test
  void setDataReplacesAndEmptyDataDeletes() {
    fsm.setData(key, Map.of("a", 1, "b", "x"));
    fsm.setData(key, Map.of("c", true));
    assertThat(fsm.getData(key)).isEqualTo(Map.of("c", true));
    fsm.setData(key, Map.of());
    assertThat(fsm.getData(key)).isEmpty();
  }

  @Test
  void updateDataMergesRemovesNullsAndReturnsTheResult() {
    fsm.setData(key, Map.of("a", 1, "b", "keep"));
    Map<String, Object> patch = new HashMap<>();
    patch.put("a", null);
    patch.put("c", List.of(1, 2));
    Map<String, Object> merged = fsm.updateData(key, patch);
    assertThat(merged).isEqualTo(Map.of("b", "keep", "c", List.of(1, 2)));
    assertThat(fsm.getData(key)).isEqualTo(merged);
    assertThat(fsm.removeData(key, "b", "c")).isEmpty();
    assertThat(fsm.read(key).isEmpty()).isTrue();
  }

  @Test
  void valuesRoundTripAsJsonWithoutLosingPrecisionOrShape() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("big", Long.MAX_VALUE);
    data.put("telegramId", 7_123_456_789L);
    data.put("price", 199.99);
    data.put("empty", List.of());
    data.put("emptyObject", Map.of());
    data.put("text", "Привет \"мир\" \u0000");
    fsm.setData(key, data);
    assertThat(fsm.getData(key)).isEqualTo(data);
    assertThat(fsm.getValue(key, "big", Long.class)).contains(Long.MAX_VALUE);
  }

  @Test
  void typedValuesConvertThroughJackson() {
    Order order = new Order("quarter", 29_900, List.of("promo"));
    fsm.updateData(key, "order", order);
    assertThat(fsm.getValue(key, "order", Order.class)).contains(order);
    assertThat(fsm.getData(key).get("order")).isInstanceOf(Map.class);
    assertThat(fsm.getValue(key, "missing", Order.class)).isEmpty();
    assertThatThrownBy(() -> fsm.getValue(key, "order", Integer.class))
        .isInstanceOf(FsmDataException.class)
        .hasMessageContaining("'order'");
  }

  @Test
  void aValueJacksonCannotWriteFailsClearlyAndWritesNothing() {
    fsm.updateData(key, "kept", 1);
    Map<String, Object> patch = new HashMap<>();
    patch.put("ok", 2);
    patch.put("bad", new Object());
    assertThatThrownBy(() -> fsm.updateData(key, patch))
        .isInstanceOf(FsmDataException.class)
        .hasMessageContaining("'bad'");
    assertThat(fsm.getData(key)).isEqualTo(Map.of("kept", 1));
  }

  @Test
  void clearRemovesStateAndData() {
    fsm.setState(key, "s");
    fsm.updateData(key, "x", 1);
    fsm.clear(key);
    assertThat(fsm.read(key).isEmpty()).isTrue();
  }

  @Test
  void destinyAndBusinessConnectionKeepConversationsApart() {
    fsm.setState(key, "main");
    fsm.setState(key.withDestiny("survey"), "q1");
    fsm.setState(key.withBusinessConnection("bc-1"), "biz");
    assertThat(fsm.getState(key)).contains("main");
    assertThat(fsm.getState(key.withDestiny("survey"))).contains("q1");
    assertThat(fsm.getState(key.withBusinessConnection("bc-1"))).contains("biz");
  }

  @Test
  void keyStrategiesDecideWhatIsShared() {
    long chat = key.chatId();
    StorageKey alice = StorageKey.of(42, chat, 1);
    StorageKey bob = StorageKey.of(42, chat, 2);
    // default USER_IN_CHAT: topics share, users do not
    fsm.setState(alice.withThread(7), "a");
    assertThat(fsm.getState(alice)).contains("a");
    assertThat(fsm.getState(bob)).isEmpty();

    FsmStorage perChat = open(FsmStorage.builder().keyStrategy(KeyStrategy.CHAT));
    perChat.setState(StorageKey.of(42, chat + 1, 1), "shared");
    assertThat(perChat.getState(StorageKey.of(42, chat + 1, 2))).contains("shared");

    FsmStorage perTopic = open(FsmStorage.builder().keyStrategy(KeyStrategy.USER_IN_TOPIC));
    perTopic.setState(StorageKey.of(42, chat + 2, 1).withThread(7), "t7");
    assertThat(perTopic.getState(StorageKey.of(42, chat + 2, 1).withThread(8))).isEmpty();
    assertThat(perTopic.getState(StorageKey.of(42, chat + 2, 1).withThread(7))).contains("t7");

    FsmStorage global = open(FsmStorage.builder().keyStrategy(KeyStrategy.GLOBAL_USER));
    global.setState(StorageKey.of(42, chat + 3, 99), "everywhere");
    assertThat(global.getState(StorageKey.of(42, chat + 4, 99))).contains("everywhere");

    FsmStorage chatTopic = open(FsmStorage.builder().keyStrategy(KeyStrategy.CHAT_TOPIC));
    chatTopic.setState(StorageKey.of(42, chat + 5, 1).withThread(3), "topic");
    assertThat(chatTopic.getState(StorageKey.of(42, chat + 5, 2).withThread(3))).contains("topic");
    assertThat(chatTopic.getState(StorageKey.of(42, chat + 5, 2).withThread(4))).isEmpty();
  }

  @Test
  void concurrentMergesOfDifferentFieldsLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    fsm.updateData(key, "t" + id + "-" + i, i);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> data = fsm.getData(key);
    assertThat(data).hasSize(threads * perThread);
    assertThat(data).containsEntry("t3-99", 99);
  }

  @Test
  void badInputIsRejectedByName() {
    assertThatThrownBy(() -> fsm.setState(key, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
    assertThatThrownBy(() -> key.withDestiny("a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("destiny")
        .hasMessageContaining("a:b");
    assertThatThrownBy(() -> fsm.updateData(key, Map.of("", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
