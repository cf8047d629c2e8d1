package io.github.remnawaveshop.benchmarks.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Secret;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One panel GET of a user over loopback HTTP/1.1 against MockWebServer: the SDK client (headers,
 * envelope, typed record) next to raw OkHttp reading the body as a string and as a Jackson tree.
 * The difference is the client's overhead; the server side is identical for all three.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PanelClientBenchmark {
  static final String USER =
      "{\"response\":{\"id\":1042,\"shortUuid\":\"aB3dE5fG7hJ9kL1m\",\"username\":\"tg_123456789\","
          + "\"status\":\"ACTIVE\",\"trafficLimitBytes\":107374182400,\"trafficLimitStrategy\":\"MONTH\","
          + "\"expireAt\":\"2026-12-25T12:00:00.000Z\",\"telegramId\":123456789,\"email\":null,"
          + "\"description\":\"paid\",\"tag\":\"SHOP\",\"hwidDeviceLimit\":3,\"externalSquadUuid\":null,"
          + "\"trojanPassword\":\"x\",\"vlessUuid\":\"4b1f0c3e-9d7a-4e2b-8c11-0f5a6d2e7b93\",\"ssPassword\":\"y\","
          + "\"subRevokedAt\":null,\"lastTrafficResetAt\":null,\"createdAt\":\"2026-11-25T12:00:00.000Z\","
          + "\"updatedAt\":\"2026-11-25T12:00:05.123Z\",\"subscriptionUrl\":\"https://sub.example.com/aB3dE5fG7hJ9kL1m\","
          + "\"activeInternalSquads\":[{\"uuid\":\"9a6f2b8e-1c3d-4e5f-8a7b-6c5d4e3f2a1b\",\"name\":\"Default\"}],"
          + "\"userTraffic\":{\"usedTrafficBytes\":\"5368709120\",\"lifetimeUsedTrafficBytes\":21474836480,"
          + "\"onlineAt\":\"2026-11-25T11:59:00.000Z\",\"firstConnectedAt\":null,\"lastConnectedNodeUuid\":null}}}";

  private MockWebServer server;
  private RemnawavePanel panel;
  private OkHttpClient raw;
  private Request rawRequest;
  private final ObjectMapper mapper = new ObjectMapper();

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(USER)
                .build();
          }
        });
    server.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("bench-token"))
            .build();
    raw = new OkHttpClient();
    rawRequest =
        new Request.Builder()
            .url(server.url("/api/users/1042"))
            .header("Authorization", "Bearer bench-token")
            .header("X-Forwarded-For", "127.0.0.1")
            .header("X-Forwarded-Proto", "https")
            .build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  /** The SDK client: request building, envelope unwrapping, mapping to {@link PanelUser}. */
  @Benchmark
  public PanelUser client() {
    return panel.getUser("1042").orElseThrow();
  }

  /** Raw OkHttp, body read as a string (the floor). */
  @Benchmark
  public String rawOkHttpString() throws IOException {
    try (Response r = raw.newCall(rawRequest).execute()) {
      return r.body().string();
    }
  }

  /** Raw OkHttp plus a Jackson tree parse (what a hand-written client does at minimum). */
  @Benchmark
  public JsonNode rawOkHttpJackson() throws IOException {
    try (Response r = raw.newCall(rawRequest).execute()) {
      return mapper.readTree(r.body().string()).get("response");
    }
  }
}
