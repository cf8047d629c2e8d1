package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors published with RIPEMD-160 (Dobbertin, Bosselaers, Preneel). */
class Ripemd160Test {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|9c1185a5c5e9fc54612808977ee8f548b2258d31",
        "a|0bdc9d2d256b3ee9daae347be6f4dc835a467ffe",
        "abc|8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
        "message digest|5d0689ef49d2fae572b881b123a85ffa21595f36",
        "abcdefghijklmnopqrstuvwxyz|f71c27109c692c1b56bbdceb5b9d2865b3708dbc",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq|12a053384a9c0c88e405a06c27dcf49ada62eb2b",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|b0e20b6e3116640286ed3a87a5713079b21f5189",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890|9b752e45573d4b39f4dbd3323cab82bf63326bfb"
      })
  void publishedVectors(String input, String expected) {
    assertThat(hex(input.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
  }

  @Test
  void oneMillionAs() {
    byte[] input = new byte[1_000_000];
    Arrays.fill(input, (byte) 'a');
    assertThat(hex(input)).isEqualTo("52783243c1697bdbe16d37f97f68f08325dc1528");
  }

  @Test
  void paddingBoundaries() {
    // lengths around the 55/56/64-byte block edges exercise the one- and two-block padding paths;
    // the expected values come from OpenSSL's RIPEMD-160
    assertThat(hex(new byte[55])).isEqualTo("e323d78db60afc7404def79abb82b8fb73591037");
    assertThat(hex(new byte[56])).isEqualTo("7724d7cdbbe24a75a58958d784e3a325ce0e9c7c");
    assertThat(hex(new byte[64])).isEqualTo("9b8ccc2f374ae313a914763cc9cdfb47bfe1c229");
  }

  private static String hex(byte[] input) {
    return HexFormat.of().formatHex(Ripemd160.digest(input));
  }
}
