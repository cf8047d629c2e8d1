package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database round trips of the hot path, counted at the JDBC driver's door: {@code applyPayment}
 * of a plain order is three statements and a commit (the delivery with the order lock and the
 * payer's account lock; the credit; the payment marked paid with its outbox job), one fewer than
 * the raw-JDBC peer in {@code ApplyPaymentBenchmark}. A change that adds a statement to every
 * payment fails here before it shows in the benchmark.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripBudgetTest {
  private EngineFixture f;
  private SubscriptionEngine engine;
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 4);
    f.plan("month", 30, 1000, "USD");
    engine = f.engine(b -> b.dataSource(counting(f.pool)));
  }

  @AfterAll
  void tearDown() throws Exception {
    engine.close();
    f.close();
  }

  @Test
  void applyingAPaymentIsThreeStatementsAndACommit() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();

    sent.clear();
    ApplyResult result =
        engine.applyPayment(
            new PaymentEvent(
                "testpay",
                PaymentEvent.Type.PAID,
                "evt_rt_" + tg,
                Optional.of(order.reference()),
                "pi_rt_" + tg,
                order.amount(),
                f.clock.instant(),
                false,
                Optional.empty(),
                false,
                Map.of()));

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(sent).as("statements and transaction ends sent for one payment").hasSize(3);
    assertThat(sent.get(0))
        .contains("shop_webhook_events")
        .contains("FOR UPDATE")
        .contains("pg_advisory_xact_lock");
    assertThat(sent.get(1))
        .contains("shop_payments")
        .contains("shop_subscriptions")
        .contains("shop_outbox");
    assertThat(sent.get(2)).isEqualTo("COMMIT");
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                    + order.paymentId()
                    + "'"))
        .isEqualTo(1);
  }

  /** A DataSource whose connections record each statement executed and each commit or rollback. */
  private DataSource counting(DataSource real) {
    InvocationHandler ds =
        (proxy, method, args) -> {
          Object r = invoke(real, method, args);
          return r instanceof Connection c ? connection(c) : r;
        };
    return (DataSource)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, ds);
  }

  private Connection connection(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "commit" -> sent.add("COMMIT");
                case "rollback" -> sent.add("ROLLBACK");
                default -> {}
              }
              Object r = invoke(real, method, args);
              if (r instanceof Statement s
                  && method.getName().startsWith("prepare")
                  && args != null
                  && args[0] instanceof String sql) {
                return statement(s, sql);
              }
              return r instanceof Statement s ? statement(s, "(plain statement)") : r;
            });
  }

  private Statement statement(Statement real, String sql) {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> c = real.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("java.sql.") && !types.contains(i)) {
          types.add(i);
        }
      }
    }
    return (Statement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            types.toArray(new Class<?>[0]),
            (proxy, method, args) -> {
              if (method.getName().startsWith("execute")) {
                sent.add(args != null && args.length > 0 && args[0] instanceof String s ? s : sql);
              }
              return invoke(real, method, args);
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
