package io.github.remnawaveshop.core.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallel deflate and the hand-written ZIP container, read back by the JDK's two readers and,
 * when there is a {@code python3}, by Python's {@code zipfile} as an independent one.
 */
@Timeout(120)
class DeflatePipelineTest {
  /** Small blocks, so that many blocks and 32 KiB dictionary boundaries are cheap to reach. */
  static final int BLOCK = 1 << 16;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void entriesOfEverySizeRoundTripThroughBothJdkReadersAndPython(int threads) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("empty", new byte[0]);
    entries.put("one", new byte[] {42});
    entries.put("one-block-random", random(BLOCK, 1));
    entries.put("one-block-text", text(BLOCK, 2));
    entries.put("blocks-and-a-remainder-random", random(BLOCK * 5 + 12_345, 3));
    entries.put("blocks-and-a-remainder-text", text(BLOCK * 7 + 777, 4));
    entries.put("a-block-and-less-than-a-window", text(BLOCK + 1000, 5));
    entries.put("utf-8 name ünï/cødé.copy", "ü".repeat(50_000).getBytes(StandardCharsets.UTF_8));
    Path zip = write(Deflater.DEFAULT_COMPRESSION, threads, BLOCK, false, entries);
    assertReadable(zip, entries);
  }

  @Test
  void defaultBlocksOfOneMebibyteAtEveryLevelRoundTrip() throws Exception {
    for (int level : new int[] {0, 1, 6, 9}) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("exactly-one-block", text(DeflatePipeline.BLOCK, 6));
      entries.put("two-blocks-and-a-bit", text(2 * DeflatePipeline.BLOCK + 3, 7));
      entries.put("random", random(DeflatePipeline.BLOCK + DeflatePipeline.DICTIONARY + 1, 8));
      Path zip = write(level, 2, DeflatePipeline.BLOCK, false, entries);
      assertReadable(zip, entries);
    }
  }

  @Test
  void eachBlockIsPrimedWithThePreviousBlocksTail() throws Exception {
    // 20 KiB of noise repeated: with the previous block's last 32 KiB as dictionary a block is
    // all back-references; without it, each block would start with 20 KiB of literals
    byte[] pattern = random(20 * 1024, 9);
    byte[] data = new byte[BLOCK * 10];
    for (int i = 0; i < data.length; i++) {
      data[i] = pattern[i % pattern.length];
    }
    Map<String, byte[]> entries = Map.of("repeats", data);
    DeflatePipeline.Result r;
    Path zip = dir.resolve("primed.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        DeflatePipeline pipeline = new DeflatePipeline(6, 4, BLOCK)) {
      ZipWriter writer = new ZipWriter(out);
      r = pipeline.entry(writer, "repeats", o -> writeInPieces(data, o));
      writer.finish();
    }
    assertReadable(zip, entries);
    assertThat(r.compressedBytes()).isLessThan(2L * pattern.length);
  }

  @Test
  void theResultCarriesCountSizeShaAndCrcOfTheUncompressedBytes() throws Exception {
    byte[] data = text(BLOCK * 3 + 5, 10);
    Path zip = dir.resolve("result.zip");
    DeflatePipeline.Result r;
    try (OutputStream out = Files.newOutputStream(zip);
        DeflatePipeline pipeline = new DeflatePipeline(6, 2, BLOCK)) {
      ZipWriter writer = new ZipWriter(out);
      r =
          pipeline.entry(
              writer,
              "t",
              o -> {
                writeInPieces(data, o);
                return 42;
              });
      writer.finish();
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    assertThat(r.count()).isEqualTo(42);
    assertThat(r.bytes()).isEqualTo(data.length);
    assertThat(r.sha256()).isEqualTo(Checksums.sha256Hex(data));
    assertThat(r.crc()).isEqualTo(crc.getValue());
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.getEntry("t").getCompressedSize()).isEqualTo(r.compressedBytes());
    }
  }

  @Test
  void forcedZip64RecordsAreReadByZipFileAndPython() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a", text(BLOCK * 2 + 1, 11));
    entries.put("b", new byte[0]);
    entries.put("c", random(3000, 12));
    Path zip = write(6, 2, BLOCK, true, entries);
    byte[] bytes = Files.readAllBytes(zip);
    // the forced path was taken: a ZIP64 end record and locator, and each central directory name
    // followed by a ZIP64 extra (header 0x0001, 24 bytes: both sizes and the offset)
    assertThat(indexOf(bytes, new byte[] {0x50, 0x4b, 0x06, 0x06})).isPositive();
    assertThat(indexOf(bytes, new byte[] {0x50, 0x4b, 0x06, 0x07})).isPositive();
    for (String name : entries.keySet()) {
      assertThat(indexOf(bytes, new byte[] {(byte) name.charAt(0), 0x01, 0x00, 24, 0x00}))
          .as(name)
          .isPositive();
    }
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(3);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = z.getEntry(e.getKey());
        assertThat(ze.getSize()).isEqualTo(e.getValue().length);
        try (InputStream in = z.getInputStream(ze)) {
          assertThat(in.readAllBytes()).isEqualTo(e.getValue());
        }
      }
    }
    assertReadable(zip, entries);
  }

  @Test
  void aFailingReadIsThrownAndLeavesNoThreadRunning() throws Exception {
    Path zip = dir.resolve("failed-read.zip");
    try (OutputStream out = Files.newOutputStream(zip)) {
      DeflatePipeline pipeline = new DeflatePipeline(6, 2, BLOCK);
      try {
        assertThatThrownBy(
                () ->
                    pipeline.entry(
                        new ZipWriter(out),
                        "t",
                        o -> {
                          o.write(random(BLOCK * 7 + 10, 13)); // several blocks deflated by now
                          throw new SQLException("connection lost");
                        }))
            .isInstanceOf(SQLException.class)
            .hasMessage("connection lost");
        assertThatThrownBy(() -> pipeline.entry(new ZipWriter(out), "u", o -> 0))
            .isInstanceOf(IllegalStateException.class);
      } finally {
        pipeline.close();
      }
    }
    assertThat(backupThreads()).isEmpty();
  }

  @Test
  void aFailingWriteStopsTheReaderBeforeReturning() {
    AtomicReference<Thread> reader = new AtomicReference<>();
    OutputStream full =
        new OutputStream() {
          private long n;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            n += len;
            if (n > 10_000) {
              throw new IOException("disk full");
            }
          }
        };
    try (DeflatePipeline pipeline = new DeflatePipeline(1, 2, BLOCK)) {
      assertThatThrownBy(
              () ->
                  pipeline.entry(
                      new ZipWriter(full),
                      "t",
                      out -> {
                        reader.set(Thread.currentThread());
                        byte[] row = random(1000, 14);
                        while (true) {
                          out.write(row); // blocks once every block is in flight, until interrupted
                        }
                      }))
          .isInstanceOf(IOException.class)
          .hasMessage("disk full");
      assertThat(reader.get().isAlive()).isFalse();
    }
    assertThat(backupThreads()).isEmpty();
  }

  @Test
  void threadsBelowOneAreRefused() {
    assertThatThrownBy(() -> new DeflatePipeline(6, 0)).hasMessageContaining("was 0");
    assertThatThrownBy(
            () ->
                BackupService.builder()
                    .directory(dir)
                    .config(Map::of)
                    .compressionThreads(0)
                    .build())
        .hasMessageContaining("compressionThreads")
        .hasMessageContaining("was 0");
  }

  /** Names of live threads of a backup (readers and deflate workers). */
  static List<String> backupThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("backup-")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  private Path write(
      int level, int threads, int block, boolean forceZip64, Map<String, byte[]> entries)
      throws Exception {
    Path zip = Files.createTempFile(dir, "archive", ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        DeflatePipeline pipeline = new DeflatePipeline(level, threads, block)) {
      ZipWriter writer = new ZipWriter(out, forceZip64);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] data = e.getValue();
        DeflatePipeline.Result r = pipeline.entry(writer, e.getKey(), o -> writeInPieces(data, o));
        assertThat(r.bytes()).isEqualTo(data.length);
        assertThat(r.sha256()).isEqualTo(Checksums.sha256Hex(data));
      }
      writer.finish();
    }
    assertThat(backupThreads()).isEmpty();
    return zip;
  }

  /** Writes in pieces of random sizes, single bytes among them, as a COPY hands over rows. */
  private static long writeInPieces(byte[] data, OutputStream out) throws IOException {
    Random sizes = new Random(data.length);
    int off = 0;
    while (off < data.length) {
      if (sizes.nextInt(10) == 0) {
        out.write(data[off++]);
        continue;
      }
      int n = Math.min(data.length - off, 1 + sizes.nextInt(3000));
      out.write(data, off, n);
      off += n;
    }
    out.write(data, 0, 0);
    return data.length;
  }

  private static void assertReadable(Path zip, Map<String, byte[]> entries) throws Exception {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(entries.size());
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = z.getEntry(e.getKey());
        assertThat(ze).as(e.getKey()).isNotNull();
        assertThat(ze.getMethod()).isEqualTo(ZipEntry.DEFLATED);
        assertThat(ze.getSize()).isEqualTo(e.getValue().length);
        assertThat(ze.getCrc()).as(e.getKey()).isEqualTo(crc(e.getValue()));
        try (InputStream in = z.getInputStream(ze)) {
          assertThat(in.readAllBytes()).as(e.getKey()).isEqualTo(e.getValue());
        }
      }
    }
    List<String> seen = new ArrayList<>();
    try (ZipInputStream in =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)))) {
      for (ZipEntry ze; (ze = in.getNextEntry()) != null; ) {
        byte[] expected = entries.get(ze.getName());
        assertThat(expected).as(ze.getName()).isNotNull();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        in.transferTo(got); // ZipInputStream checks the descriptor's CRC and sizes at the end
        assertThat(got.toByteArray()).as(ze.getName()).isEqualTo(expected);
        assertThat(ze.getCrc()).as(ze.getName()).isEqualTo(crc(expected));
        seen.add(ze.getName());
      }
    }
    assertThat(seen).containsExactlyElementsOf(entries.keySet());
    assertPythonReads(zip, entries.size());
  }

  /** Python's zipfile as an independent reader; skipped where there is no python3. */
  private static void assertPythonReads(Path zip, int entries) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None;"
                      + " print(len(z.infolist()))",
                  zip.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("no python3 on PATH: " + e.getMessage());
      return;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.trim()).isEqualTo(String.valueOf(entries));
  }

  private static long crc(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** COPY-like text: rows of words, numbers and repeats reaching back further than 32 KiB. */
  private static byte[] text(int n, long seed) {
    Random r = new Random(seed);
    String[] words = {"user_", "Ünïcødé", "\\N", "2026-01-01 03:00:00+00", "{\"n\": 1}", "plan"};
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 100);
    while (out.size() < n) {
      String row =
          r.nextInt(1_000_000)
              + "\t"
              + words[r.nextInt(words.length)]
              + r.nextInt(100)
              + "\t"
              + words[r.nextInt(words.length)]
              + "\n";
      out.writeBytes(row.getBytes(StandardCharsets.UTF_8));
    }
    return java.util.Arrays.copyOf(out.toByteArray(), n);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
