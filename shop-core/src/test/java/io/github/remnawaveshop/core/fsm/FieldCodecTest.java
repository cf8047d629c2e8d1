package io.github.remnawaveshop.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codec's scalar fast path must give exactly what Jackson's untyped reading gives: every text
 * below is decoded both ways and compared, values and classes.
 */
class FieldCodecTest {
  private final ObjectMapper jackson = new ObjectMapper();
  private final FieldCodec codec = new FieldCodec(new ObjectMapper(), true);

  private static final List<String> TEXTS =
      List.of(
          "0",
          "7",
          "-7",
          "149900",
          "2147483647",
          "2147483648",
          "-2147483648",
          "-2147483649",
          "999999999999999999",
          "-999999999999999999",
          "9223372036854775807",
          "-9223372036854775808",
          "9223372036854775808",
          "12345678901234567890",
          "-0",
          "1.5",
          "1e3",
          "true",
          "false",
          "null",
          "\"\"",
          "\"SPRING25\"",
          "\"Checkout:choosePaymentMethod\"",
          "\"with \\\"quote\\\"\"",
          "\"tab\\tescaped\"",
          "\"unicode \\u00e9\"",
          "\"héllo wörld ✓\"",
          "[\"NL\",\"DE\",\"FI\"]",
          "{\"a\":1}",
          " 5",
          "5 ");

  @Test
  void decodesEveryTextAsJacksonDoes() throws Exception {
    for (String text : TEXTS) {
      Object expected = jackson.readValue(text, Object.class);
      Object actual = codec.decodeValue("f", text);
      assertEquals(expected, actual, text);
      if (expected != null) {
        assertEquals(expected.getClass(), actual.getClass(), text);
      }
    }
  }

  @Test
  void leavesAnythingButPlainScalarsToJackson() {
    for (String text :
        List.of("007", "-", "01", "1.5", "\"a\\nb\"", "\"open", "[1]", "tru", "+1", "-0", "")) {
      assertNull(FieldCodec.plainScalar(text), text);
    }
  }

  @Test
  void invalidJsonStillFailsWithTheFieldNamed() {
    for (String text : List.of("007", "\"open", "tru", "\"ctl\u0001\"", "")) {
      FsmDataException e =
          assertThrows(FsmDataException.class, () -> codec.decodeValue("price", text), text);
      assertEquals("stored data field 'price' is not valid JSON", e.getMessage());
    }
  }

  @Test
  void anApplicationMapperIsAlwaysAsked() {
    ObjectMapper longs = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    FieldCodec own = new FieldCodec(longs, false);
    assertEquals(7L, own.decodeValue("f", "7"));
    assertEquals(Map.of("a", 1L), own.decodeValue("f", "{\"a\":1}"));
  }
}
