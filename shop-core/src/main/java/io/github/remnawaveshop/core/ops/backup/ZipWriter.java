package io.github.remnawaveshop.core.ops.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a ZIP container (PKWARE APPNOTE.TXT 6.3) whose entries' data arrive already deflated: the
 * backup compresses an entry's blocks on several cores and {@link java.util.zip.ZipOutputStream}
 * has no way to add pre-compressed data. Apache Commons Compress has one ({@code
 * addRawArchiveEntry} ), but it would bring commons-compress, commons-io, commons-lang3 and
 * commons-codec to every user of shop-core for that one call; the container is small enough to
 * write here. Not API.
 *
 * <p>Each entry is written as {@link java.util.zip.ZipOutputStream} writes a streamed DEFLATED
 * entry, so archives look as they did: a local file header with general-purpose flag bit 3 (CRC-32
 * and sizes follow the data in a data descriptor) and bit 11 (the name is UTF-8), method 8, version
 * needed 2.0, zero CRC and sizes and no extra field; then the raw deflate data; then the data
 * descriptor (signature 0x08074b50, CRC-32, compressed and uncompressed size) whose sizes are 8
 * bytes each exactly when one of them exceeds 0xFFFFFFFF. The local header carries no ZIP64 extra
 * field, even for an entry that may grow past 4 GiB: a reader that follows APPNOTE 4.3.9.2 (as
 * {@code ZipInputStream} does from JDK 21) takes that field to mean 8-byte descriptor sizes, while
 * JDK 17's {@code ZipInputStream} picks the descriptor's form from the entry's actual size only; a
 * small entry with the field would be misread by one of the two. Decided by the actual size, as the
 * JDK's own writer does, both read it.
 *
 * <p>The central directory gives each entry its CRC-32 and sizes; an entry whose size, compressed
 * size or header offset exceeds 0xFFFFFFFF there gets a ZIP64 extended information extra field
 * (both sizes when either needs it, then the offset when it needs it — the fields present are
 * exactly those set to 0xFFFFFFFF, in APPNOTE order) and version needed 4.5. A ZIP64 end of central
 * directory record and its locator precede the end of central directory record when the entry
 * count, the directory's size or its offset exceed the classic fields.
 *
 * <p>Not thread-safe: one thread writes the whole archive, entry after entry.
 */
final class ZipWriter {
  private static final long MAX32 = 0xFFFFFFFFL;
  private static final int MAX16 = 0xFFFF;
  private static final int FLAGS = (1 << 3) | (1 << 11); // data descriptor, UTF-8 name
  private static final int DEFLATED = 8;
  private static final int VERSION_DEFLATE = 20;
  private static final int VERSION_ZIP64 = 45;

  private final OutputStream out;
  private final int dosTime;
  private final int dosDate;
  private final boolean forceZip64;
  private final List<Central> central = new ArrayList<>();
  private final byte[] scratch = new byte[8];
  private long written;
  private @Nullable Open open;
  private boolean finished;

  private record Central(byte[] name, long offset, long crc, long compressedSize, long size) {}

  private record Open(byte[] name, long offset, long dataStart) {}

  /**
   * A writer onto {@code out}, which it does not close; every entry is dated now (local time, as
   * {@link java.util.zip.ZipOutputStream} dates an entry without a time).
   */
  ZipWriter(OutputStream out) {
    this(out, false);
  }

  /**
   * As {@link #ZipWriter(OutputStream)}; {@code forceZip64} writes the central directory's ZIP64
   * fields and the ZIP64 end records even when nothing needs them, so tests can read that path
   * without a 4 GiB entry.
   */
  ZipWriter(OutputStream out, boolean forceZip64) {
    this.out = out;
    this.forceZip64 = forceZip64;
    LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault());
    int year = Math.min(Math.max(now.getYear(), 1980), 2107);
    this.dosDate = ((year - 1980) << 9) | (now.getMonthValue() << 5) | now.getDayOfMonth();
    this.dosTime = (now.getHour() << 11) | (now.getMinute() << 5) | (now.getSecond() >> 1);
  }

  /** Writes the local file header of a new entry; its data follows through {@link #data}. */
  void beginEntry(String name) throws IOException {
    if (open != null || finished) {
      throw new IllegalStateException("an entry is open or the archive is finished");
    }
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > MAX16) {
      throw new IllegalArgumentException("entry name longer than 65535 bytes: " + name);
    }
    long offset = written;
    int32(0x04034b50);
    int16(VERSION_DEFLATE);
    int16(FLAGS);
    int16(DEFLATED);
    int16(dosTime);
    int16(dosDate);
    int32(0); // CRC-32, compressed and uncompressed size: in the data descriptor (bit 3)
    int32(0);
    int32(0);
    int16(n.length);
    int16(0); // no extra field
    bytes(n, 0, n.length);
    open = new Open(n, offset, written);
  }

  /** Writes raw deflate data of the open entry. */
  void data(byte[] b, int off, int len) throws IOException {
    if (open == null) {
      throw new IllegalStateException("no entry is open");
    }
    bytes(b, off, len);
  }

  /**
   * Ends the open entry with its data descriptor.
   *
   * @param crc the CRC-32 of the uncompressed bytes
   * @param size the number of uncompressed bytes
   */
  void endEntry(long crc, long size) throws IOException {
    Open e = open;
    if (e == null) {
      throw new IllegalStateException("no entry is open");
    }
    long compressed = written - e.dataStart();
    int32(0x08074b50);
    int32(crc);
    if (compressed > MAX32 || size > MAX32) {
      int64(compressed);
      int64(size);
    } else {
      int32(compressed);
      int32(size);
    }
    central.add(new Central(e.name(), e.offset(), crc, compressed, size));
    open = null;
  }

  /** Writes the central directory and the end records; the archive is complete afterwards. */
  void finish() throws IOException {
    if (open != null || finished) {
      throw new IllegalStateException("an entry is open or the archive is finished");
    }
    finished = true;
    long cdStart = written;
    for (Central e : central) {
      boolean sizes64 = forceZip64 || e.size() >= MAX32 || e.compressedSize() >= MAX32;
      boolean offset64 = forceZip64 || e.offset() >= MAX32;
      ByteArrayOutputStream extra = new ByteArrayOutputStream();
      if (sizes64 || offset64) {
        int fields = (sizes64 ? 16 : 0) + (offset64 ? 8 : 0);
        le(extra, 0x0001, 2);
        le(extra, fields, 2);
        if (sizes64) {
          le(extra, e.size(), 8);
          le(extra, e.compressedSize(), 8);
        }
        if (offset64) {
          le(extra, e.offset(), 8);
        }
      }
      int version = sizes64 || offset64 ? VERSION_ZIP64 : VERSION_DEFLATE;
      int32(0x02014b50);
      int16(version); // version made by: MS-DOS attributes, as the JDK's writer
      int16(version);
      int16(FLAGS);
      int16(DEFLATED);
      int16(dosTime);
      int16(dosDate);
      int32(e.crc());
      int32(sizes64 ? MAX32 : e.compressedSize());
      int32(sizes64 ? MAX32 : e.size());
      int16(e.name().length);
      int16(extra.size());
      int16(0); // comment length
      int16(0); // disk number start
      int16(0); // internal attributes
      int32(0); // external attributes
      int32(offset64 ? MAX32 : e.offset());
      bytes(e.name(), 0, e.name().length);
      byte[] x = extra.toByteArray();
      bytes(x, 0, x.length);
    }
    long cdSize = written - cdStart;
    long count = central.size();
    boolean zip64 = forceZip64 || count >= MAX16 || cdSize >= MAX32 || cdStart >= MAX32;
    if (zip64) {
      long record = written;
      int32(0x06064b50); // ZIP64 end of central directory record
      int64(44); // its size after this field
      int16(VERSION_ZIP64);
      int16(VERSION_ZIP64);
      int32(0); // this disk
      int32(0); // disk of the central directory
      int64(count);
      int64(count);
      int64(cdSize);
      int64(cdStart);
      int32(0x07064b50); // its locator
      int32(0); // disk of the record
      int64(record);
      int32(1); // total disks
    }
    int32(0x06054b50);
    int16(0);
    int16(0);
    int16(zip64 ? MAX16 : (int) count);
    int16(zip64 ? MAX16 : (int) count);
    int32(zip64 ? MAX32 : cdSize);
    int32(zip64 ? MAX32 : cdStart);
    int16(0); // comment length
  }

  private void int16(int v) throws IOException {
    scratch[0] = (byte) v;
    scratch[1] = (byte) (v >>> 8);
    bytes(scratch, 0, 2);
  }

  private void int32(long v) throws IOException {
    for (int i = 0; i < 4; i++) {
      scratch[i] = (byte) (v >>> (8 * i));
    }
    bytes(scratch, 0, 4);
  }

  private void int64(long v) throws IOException {
    for (int i = 0; i < 8; i++) {
      scratch[i] = (byte) (v >>> (8 * i));
    }
    bytes(scratch, 0, 8);
  }

  private static void le(ByteArrayOutputStream b, long v, int n) {
    for (int i = 0; i < n; i++) {
      b.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  private void bytes(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written += len;
  }
}
