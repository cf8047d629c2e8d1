package io.github.remnawaveshop.core.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TablePumpTest {
  @Test
  void manyChunksArriveInOrderWithTheirHashAndCount() throws Exception {
    byte[] data = new byte[TablePump.CHUNK * 5 + 12_345];
    new Random(7).nextBytes(data);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    TablePump.Result r =
        TablePump.pump(
            "t",
            out -> {
              Random sizes = new Random(11);
              int off = 0;
              while (off < data.length) {
                int n = Math.min(data.length - off, 1 + sizes.nextInt(300));
                out.write(data, off, n);
                off += n;
              }
              out.write(data, 0, 0);
              return 42;
            },
            sink);
    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.rows()).isEqualTo(42);
    assertThat(r.bytes()).isEqualTo(data.length);
    assertThat(r.sha256()).isEqualTo(Checksums.sha256Hex(data));
  }

  @Test
  void aFailingReadIsThrownToTheWriter() {
    assertThatThrownBy(
            () ->
                TablePump.pump(
                    "t",
                    out -> {
                      out.write(new byte[TablePump.CHUNK * 2]);
                      throw new SQLException("connection lost");
                    },
                    OutputStream.nullOutputStream()))
        .isInstanceOf(SQLException.class)
        .hasMessage("connection lost");
  }

  @Test
  void aFailingWriteStopsTheReaderBeforeReturning() {
    AtomicReference<Thread> reader = new AtomicReference<>();
    assertThatThrownBy(
            () ->
                TablePump.pump(
                    "t",
                    out -> {
                      reader.set(Thread.currentThread());
                      byte[] row = new byte[1000];
                      while (true) {
                        out.write(row); // blocks once every chunk is in flight, until interrupted
                      }
                    },
                    new OutputStream() {
                      @Override
                      public void write(int b) throws IOException {
                        throw new IOException("disk full");
                      }

                      @Override
                      public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("disk full");
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
    assertThat(reader.get().isAlive()).isFalse();
  }
}
