package io.github.remnawaveshop.core.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Moves one table's COPY output to its ZIP entry on two threads: a reader thread takes the rows
 * from the driver, gathers them into large chunks and hashes them (the entry's SHA-256), while the
 * calling thread deflates the chunks into the archive. Run serially, reading and hashing and
 * deflating took turns on one core while the other waited; overlapped, they run side by side (with
 * the server's COPY). Holds at most {@link #CHUNKS} chunks of {@link #CHUNK} bytes. Not API.
 */
final class TablePump {
  /** Bytes per chunk handed from the reader to the writer. */
  static final int CHUNK = 1 << 18;

  /** Chunks in flight (queued plus being filled plus being written). */
  static final int CHUNKS = 4;

  /** The COPY of one table into a stream; returns its row count. */
  @FunctionalInterface
  interface Copy {
    long into(OutputStream out) throws SQLException, IOException;
  }

  /** What the reader saw: rows, bytes and their SHA-256. */
  record Result(long rows, long bytes, String sha256) {}

  private record Chunk(byte[] data, int length) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  private TablePump() {}

  /**
   * Runs {@code copy} on {@code readers} and writes what it produces to {@code out} on this thread;
   * a failure on either side stops both and is thrown here.
   */
  static Result pump(String name, Copy copy, OutputStream out) throws SQLException, IOException {
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    for (int i = 0; i < CHUNKS - 1; i++) {
      free.add(new byte[CHUNK]);
    }
    FutureTask<Result> reader =
        new FutureTask<>(
            () -> {
              ChunkingStream chunks = new ChunkingStream(full, free);
              long rows = copy.into(chunks);
              chunks.finish();
              return new Result(rows, chunks.bytes, Checksums.hex(chunks.md));
            });
    Thread thread = new Thread(reader, "backup-copy-" + name);
    thread.setDaemon(true);
    thread.start();
    try {
      while (true) {
        Chunk c = full.poll(100, TimeUnit.MILLISECONDS);
        if (c == null) {
          if (reader.isDone() && full.isEmpty()) {
            return result(reader); // throws the reader's failure; it cannot end without END
          }
          continue;
        }
        if (c == END) {
          return result(reader);
        }
        out.write(c.data(), 0, c.length());
        free.add(c.data());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the archive", e);
    } finally {
      if (!reader.isDone()) {
        reader.cancel(true); // interrupts its wait for a free chunk
      }
      joinQuietly(thread); // the connection is the caller's again only once the reader is gone
    }
  }

  private static void joinQuietly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Result result(FutureTask<Result> reader) throws SQLException, IOException {
    try {
      return reader.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading a table", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s) {
        throw s;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("reading a table failed: " + cause, cause);
    }
  }

  /** The reader's side: fills chunks, hashes them, queues them for the writer. */
  private static final class ChunkingStream extends OutputStream {
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final MessageDigest md = Checksums.sha256();
    private byte[] buf = new byte[CHUNK];
    private int len;
    private long bytes;

    ChunkingStream(BlockingQueue<Chunk> full, BlockingQueue<byte[]> free) {
      this.full = full;
      this.free = free;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      while (n > 0) {
        int k = Math.min(n, buf.length - len);
        System.arraycopy(b, off, buf, len, k);
        len += k;
        off += k;
        n -= k;
        if (len == buf.length) {
          handOver();
        }
      }
    }

    private void handOver() throws IOException {
      md.update(buf, 0, len);
      bytes += len;
      try {
        full.put(new Chunk(buf, len));
        buf = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: the archive writer stopped", e);
      }
      len = 0;
    }

    void finish() throws IOException {
      if (len > 0) {
        handOver();
      }
      try {
        full.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: the archive writer stopped", e);
      }
    }
  }
}
