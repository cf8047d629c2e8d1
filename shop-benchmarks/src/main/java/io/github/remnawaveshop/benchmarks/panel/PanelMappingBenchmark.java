package io.github.remnawaveshop.benchmarks.panel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.panel.PanelDialect;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.internal.PanelJson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The client's own CPU work per answer, without the network: parsing a 3.x user answer into the
 * typed {@link PanelUser} next to Jackson parsing it into a tree only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PanelMappingBenchmark {
  private final ObjectMapper mapper = new ObjectMapper();

  /** Tree parse, envelope unwrap, and mapping to the record (what the client does). */
  @Benchmark
  public PanelUser sdkTypedUser() throws JsonProcessingException {
    return PanelJson.user(
        PanelJson.MAPPER.readTree(PanelClientBenchmark.USER).get("response"), PanelDialect.V3);
  }

  /** Jackson tree parse alone (the peer). */
  @Benchmark
  public JsonNode jacksonTreeOnly() throws JsonProcessingException {
    return mapper.readTree(PanelClientBenchmark.USER).get("response");
  }
}
