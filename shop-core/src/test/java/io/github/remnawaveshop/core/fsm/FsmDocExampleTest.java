package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example of docs/fsm.md, compiled and run (keep the two in step). */
@ExtendWith(ShopServersExtension.class)
class FsmDocExampleTest {

  // --- docs/fsm.md example begins
  record Checkout(int planId, int months, List<String> countries) {}

  /** Once, at startup; share the storage between handlers and close it at shutdown. */
  static FsmStorage openStorage(RedisClient redisClient, String keyPrefix) {
    return FsmStorage.builder()
        .redis(redisClient) // omit for in-memory
        .keyPrefix(keyPrefix) // default "fsm"
        .keyStrategy(KeyStrategy.USER_IN_CHAT) // the default, as in aiogram
        .stateTtl(Duration.ofHours(24)) // default: no expiry
        .dataTtl(Duration.ofHours(24))
        .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY) // default FAIL
        .build();
  }

  /** In a handler. */
  static Optional<String> checkoutStep(FsmStorage fsm, long botId, long chatId, long userId) {
    StorageKey key = StorageKey.of(botId, chatId, userId); // .withThread(..), .withDestiny(..)

    fsm.setState(key, "Checkout:choosePlan");
    fsm.updateData(key, "checkout", new Checkout(3, 6, List.of("NL", "DE")));
    fsm.updateData(key, Map.of("promo", "SPRING25")); // merged atomically, field by field

    FsmSnapshot now = fsm.read(key); // state + data, one round trip
    Optional<Checkout> checkout = fsm.getValue(key, "checkout", Checkout.class);
    fsm.removeData(key, "promo");
    checkout.ifPresent(c -> fsm.setState(key, "Checkout:pay"));
    return now.state();
  }

  // --- docs/fsm.md example ends

  @Test
  void theDocumentedExampleRuns(RedisServer server, RedisKeyPrefix prefix) {
    RedisClient client = RedisClient.create(server.uri());
    try {
      String keyPrefix = prefix.value() + "mybot:fsm";
      long chat = 100;
      try (FsmStorage fsm = openStorage(client, keyPrefix)) {
        assertThat(checkoutStep(fsm, 1, chat, chat)).contains("Checkout:choosePlan");
      }
      try (FsmStorage fsm = FsmStorage.builder().redis(client).keyPrefix(keyPrefix).build()) {
        StorageKey key = StorageKey.of(1, chat, chat);
        assertThat(fsm.getState(key)).contains("Checkout:pay");
        assertThat(fsm.getData(key)).containsOnlyKeys("checkout");
        fsm.clear(key);
      }
    } finally {
      client.shutdown();
    }
  }
}
