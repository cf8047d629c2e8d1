package io.github.remnawaveshop.core.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deflates each archive entry on several cores, pigz-style, while its source is still being read.
 * Not API.
 *
 * <p>Three kinds of thread take part in one entry:
 *
 * <ul>
 *   <li>a <b>reader</b> thread runs the entry's source (a table's COPY, the Redis dump, the
 *       settings), gathers its bytes into blocks of {@link #BLOCK} bytes, updates the entry's
 *       SHA-256 (for the manifest), its CRC-32 and size (for the ZIP) — serially, as the stream's
 *       order demands — and hands each block to the workers;
 *   <li>a fixed pool of <b>workers</b> (the backup's {@code compressionThreads}) each deflate a
 *       block with their own raw {@link Deflater} (reused, {@code reset()} between blocks), primed
 *       with {@code setDictionary} = the last 32 KiB of the previous block's input, so a block
 *       loses nothing of the window it would have had in one stream; every block but the last ends
 *       with {@link Deflater#SYNC_FLUSH} (byte-aligned, no final bit), the last with {@code
 *       finish()} (for an empty entry a lone final empty block). In order, the outputs concatenate
 *       to one valid raw deflate stream;
 *   <li>the <b>calling</b> thread writes the finished blocks strictly in order into the {@link
 *       ZipWriter} (and so through the archive's digest, which stays streaming), then the entry's
 *       data descriptor.
 * </ul>
 *
 * At most {@code 2 × threads + 2} blocks exist (queued or being deflated, plus the one being filled
 * and the one being written); the reader waits for a free one. This replaced a two-thread pump
 * (reader and hasher on one thread, {@code ZipOutputStream} deflating on the caller's), whose one
 * deflating core bounded a backup; the reading-with-writing overlap is kept here.
 *
 * <p>A failure anywhere — the source's, a worker's, the archive's write, an interrupt — stops the
 * entry: the reader is interrupted and joined before {@link #entry} throws, so the connection it
 * used is the caller's again; the pipeline is then unusable, and {@link #close()} ends the workers
 * and waits for them. Level 0 is deflate's stored blocks, as {@code ZipOutputStream.setLevel(0)}
 * wrote them.
 */
final class DeflatePipeline implements AutoCloseable {
  /** Uncompressed bytes per block. */
  static final int BLOCK = 1 << 20;

  /** Deflate's window: how much of the previous block primes the next one's Deflater. */
  static final int DICTIONARY = 1 << 15;

  /** The source of one entry: writes its uncompressed bytes and returns its row/key count. */
  @FunctionalInterface
  interface Source {
    long into(OutputStream out) throws SQLException, IOException;
  }

  /**
   * One written entry: the source's count, the uncompressed bytes and their SHA-256 (hex) and
   * CRC-32, and the compressed bytes.
   */
  record Result(long count, long bytes, String sha256, long crc, long compressedBytes) {}

  private record Read(long count, long bytes, String sha256, long crc) {}

  /** A block on its way: input, the previous block's tail, and once deflated its output. */
  private static final class Block {
    final byte[] in;
    int inLength;
    final byte[] dictionary = new byte[DICTIONARY];
    int dictionaryLength;
    byte[] out;
    int outLength;
    boolean last;

    Block(int size) {
      in = new byte[size];
      out = new byte[size + (size >> 8) + 64];
    }
  }

  private final int level;
  private final int blockSize;
  private final int inFlight;
  private final int maxBlocks;
  private final ExecutorService workers;
  private final List<Thread> workerThreads = new ArrayList<>();
  private final BlockingQueue<Deflater> deflaters;
  private final List<Deflater> allDeflaters = new ArrayList<>();
  private final BlockingQueue<Block> free;
  private final AtomicInteger created = new AtomicInteger();
  private volatile boolean broken;

  /**
   * A pipeline deflating at {@code level} (0–9 or {@link Deflater#DEFAULT_COMPRESSION}) on {@code
   * threads} workers.
   */
  DeflatePipeline(int level, int threads) {
    this(level, threads, BLOCK);
  }

  /** As {@link #DeflatePipeline(int, int)} with another block size (tests), at least 32 KiB. */
  DeflatePipeline(int level, int threads, int blockSize) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1; was " + threads);
    }
    if (blockSize < DICTIONARY) {
      throw new IllegalArgumentException(
          "blockSize must be >= " + DICTIONARY + "; was " + blockSize);
    }
    this.level = level;
    this.blockSize = blockSize;
    this.inFlight = 2 * threads;
    this.maxBlocks = inFlight + 2;
    this.free = new ArrayBlockingQueue<>(maxBlocks);
    this.deflaters = new ArrayBlockingQueue<>(threads);
    for (int i = 0; i < threads; i++) {
      Deflater d = new Deflater(level, true);
      allDeflaters.add(d);
      deflaters.add(d);
    }
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "backup-deflate-" + n.incrementAndGet());
              t.setDaemon(true);
              synchronized (workerThreads) {
                workerThreads.add(t);
              }
              return t;
            });
  }

  /**
   * Writes one entry named {@code name} to {@code zip}: runs {@code source} on a reader thread and
   * writes its deflated blocks on this one. A failure on any side stops all of them and is thrown
   * here, once the reader has ended.
   */
  Result entry(ZipWriter zip, String name, Source source) throws SQLException, IOException {
    if (broken) {
      throw new IllegalStateException("an earlier entry failed; the pipeline is unusable");
    }
    broken = true; // until this entry ends well
    BlockingQueue<Future<Block>> ordered = new ArrayBlockingQueue<>(inFlight);
    FutureTask<Read> reader =
        new FutureTask<>(
            () -> {
              BlockStream blocks = new BlockStream(ordered);
              long count = source.into(blocks);
              blocks.finish();
              return new Read(
                  count, blocks.bytes, Checksums.hex(blocks.sha256), blocks.crc.getValue());
            });
    zip.beginEntry(name);
    Thread thread = new Thread(reader, "backup-read-" + name);
    thread.setDaemon(true);
    thread.start();
    try {
      long compressed = 0;
      while (true) {
        Future<Block> f = ordered.poll(100, TimeUnit.MILLISECONDS);
        if (f == null) {
          if (reader.isDone() && ordered.isEmpty()) {
            read(reader); // throws the reader's failure: it ends well only after its last block
            throw new IllegalStateException("the reader ended without its last block");
          }
          continue;
        }
        Block b = deflated(f);
        zip.data(b.out, 0, b.outLength);
        compressed += b.outLength;
        boolean last = b.last;
        free.add(b);
        if (last) {
          break;
        }
      }
      Read r = read(reader);
      zip.endEntry(r.crc(), r.bytes());
      broken = false;
      return new Result(r.count(), r.bytes(), r.sha256(), r.crc(), compressed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the archive", e);
    } finally {
      if (!reader.isDone()) {
        reader.cancel(true); // interrupts its wait for a free block or a queue slot
      }
      joinQuietly(thread); // the connection is the caller's again only once the reader is gone
      for (Future<Block> f : ordered) {
        f.cancel(false);
      }
    }
  }

  /** Ends the workers, waits until every one of them has exited, and frees the Deflaters. */
  @Override
  public void close() {
    workers.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (workers.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    List<Thread> threads;
    synchronized (workerThreads) {
      threads = List.copyOf(workerThreads);
    }
    for (Thread t : threads) {
      if (joinQuietly(t)) {
        interrupted = true;
      }
    }
    for (Deflater d : allDeflaters) {
      d.end();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Block compress(Block b) throws InterruptedException {
    Deflater d = deflaters.take(); // one per worker: never waits
    try {
      if (b.dictionaryLength > 0 && level != 0) {
        d.setDictionary(b.dictionary, 0, b.dictionaryLength);
      }
      d.setInput(b.in, 0, b.inLength);
      int n = 0;
      if (b.last) {
        d.finish();
        while (!d.finished()) {
          if (n == b.out.length) {
            b.out = Arrays.copyOf(b.out, b.out.length * 2);
          }
          n += d.deflate(b.out, n, b.out.length - n);
        }
      } else {
        while (true) {
          int space = b.out.length - n;
          int k = d.deflate(b.out, n, space, Deflater.SYNC_FLUSH);
          n += k;
          if (k < space) {
            break; // the flush is complete only when it left output space unused
          }
          b.out = Arrays.copyOf(b.out, b.out.length * 2);
        }
      }
      b.outLength = n;
      return b;
    } finally {
      d.reset();
      deflaters.add(d);
    }
  }

  private static Block deflated(Future<Block> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (CancellationException e) {
      throw new IOException("deflating a block was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException) {
        throw new IOException("a deflate worker was interrupted", cause);
      }
      throw new IOException("deflating a block failed: " + cause, cause);
    }
  }

  private static Read read(FutureTask<Read> reader) throws SQLException, IOException {
    try {
      return reader.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading an entry", e);
    } catch (CancellationException e) {
      throw new IOException("reading an entry was cancelled", e);
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
      throw new IOException("reading an entry failed: " + cause, cause);
    }
  }

  /** Joins {@code thread}, waiting on through interrupts; returns whether one came. */
  private static boolean joinQuietly(Thread thread) {
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
    return interrupted;
  }

  /** The reader's side: fills blocks, hashes them, hands them to the workers in order. */
  private final class BlockStream extends OutputStream {
    private final BlockingQueue<Future<Block>> ordered;
    private final MessageDigest sha256 = Checksums.sha256();
    private final CRC32 crc = new CRC32();
    private final byte[] tail = new byte[DICTIONARY];
    private int tailLength;
    private long bytes;
    private Block current;

    BlockStream(BlockingQueue<Future<Block>> ordered) throws IOException {
      this.ordered = ordered;
      this.current = takeBlock();
    }

    @Override
    public void write(int b) throws IOException {
      current.in[current.inLength++] = (byte) b;
      if (current.inLength == blockSize) {
        handOver(false);
      }
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      while (n > 0) {
        int k = Math.min(n, blockSize - current.inLength);
        System.arraycopy(b, off, current.in, current.inLength, k);
        current.inLength += k;
        off += k;
        n -= k;
        if (current.inLength == blockSize) {
          handOver(false);
        }
      }
    }

    void finish() throws IOException {
      handOver(true);
    }

    private void handOver(boolean last) throws IOException {
      Block b = current;
      sha256.update(b.in, 0, b.inLength);
      crc.update(b.in, 0, b.inLength);
      bytes += b.inLength;
      System.arraycopy(tail, 0, b.dictionary, 0, tailLength);
      b.dictionaryLength = tailLength;
      if (!last) {
        // only full blocks are handed over before the last, and a block holds >= 32 KiB
        System.arraycopy(b.in, b.inLength - DICTIONARY, tail, 0, DICTIONARY);
        tailLength = DICTIONARY;
      }
      b.last = last;
      try {
        ordered.put(workers.submit(() -> compress(b)));
        if (!last) {
          current = takeBlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: the archive writer stopped", e);
      }
    }

    private Block takeBlock() throws IOException {
      Block b = free.poll();
      if (b == null && created.getAndUpdate(c -> c < maxBlocks ? c + 1 : c) < maxBlocks) {
        b = new Block(blockSize); // allocated on demand: a small entry needs one
      }
      if (b == null) {
        try {
          b = free.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted: the archive writer stopped", e);
        }
      }
      b.inLength = 0;
      b.outLength = 0;
      b.last = false;
      return b;
    }
  }
}
