package io.github.remnawaveshop.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers-backed servers, for machines with Docker. Loaded only when {@code
 * SHOP_TEST_SERVERS=testcontainers}, so Testcontainers stays an optional dependency.
 */
final class ContainerServers {
  private ContainerServers() {}

  static PostgresServer postgres() {
    PostgreSQLContainer<?> pg =
        new PostgreSQLContainer<>(DockerImageName.parse("postgres:15-alpine"));
    pg.start();
    String hostAndPort = pg.getHost() + ":" + pg.getMappedPort(5432);
    return new PostgresServer(
        hostAndPort,
        pg.getDatabaseName(),
        "user=" + pg.getUsername() + "&password=" + pg.getPassword(),
        "PostgreSQL container at " + hostAndPort);
  }

  static RedisServer redis() {
    GenericContainer<?> redis =
        new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
    redis.start();
    String host = redis.getHost();
    int port = redis.getMappedPort(6379);
    return new RedisServer(
        host, port, "redis://" + host + ":" + port, "Redis container at " + host + ":" + port);
  }
}
