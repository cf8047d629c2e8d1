package io.github.remnawaveshop.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects real servers into test constructors, lifecycle methods and test
 * methods: a {@link TestDatabase} (one fresh database per test class, dropped after it), a {@link
 * PostgresServer}, a {@link RedisServer}, or a {@link RedisKeyPrefix} (one per test class).
 *
 * <pre>{@code
 * @ExtendWith(ShopServersExtension.class)
 * class MyStoreTest {
 *   @BeforeAll static void setUp(TestDatabase db) { ... db.dataSource() ... }
 * }
 * }</pre>
 */
public final class ShopServersExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ShopServersExtension.class);

  /** Creates the extension; JUnit calls this. */
  public ShopServersExtension() {}

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == TestDatabase.class
        || type == PostgresServer.class
        || type == RedisServer.class
        || type == RedisKeyPrefix.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext)
      throws ParameterResolutionException {
    Class<?> type = parameterContext.getParameter().getType();
    ExtensionContext.Store store = classContext(extensionContext).getStore(NS);
    if (type == PostgresServer.class) {
      return TestServers.postgres();
    }
    if (type == RedisServer.class) {
      return TestServers.redis();
    }
    if (type == RedisKeyPrefix.class) {
      return store.getOrComputeIfAbsent(
          RedisKeyPrefix.class,
          k -> new RedisKeyPrefix(TestServers.redis().newKeyPrefix()),
          RedisKeyPrefix.class);
    }
    return store.getOrComputeIfAbsent(
            TestDatabase.class,
            k -> new ClosingDatabase(TestServers.postgres().createDatabase()),
            ClosingDatabase.class)
        .database;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** Drops the database when JUnit closes the class's store. */
  @SuppressWarnings("deprecation") // CloseableResource is the portable form across JUnit 5.x
  private static final class ClosingDatabase
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestDatabase database;

    ClosingDatabase(TestDatabase database) {
      this.database = database;
    }

    @Override
    public void close() {
      database.close();
    }
  }
}
