package io.github.remnawaveshop.core.ops.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Counts and hashes (SHA-256) what is read through it, so that a restore checks an entry while it
 * loads it instead of inflating it once more beforehand. Not API; not thread-safe.
 */
final class HashingInputStream extends FilterInputStream {
  private final MessageDigest md = Checksums.sha256();
  private long bytes;

  HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      md.update((byte) b);
      bytes++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      md.update(b, off, n);
      bytes += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipped bytes would escape the hash: read them instead
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(left, buf.length));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what is left (so the hash covers the whole entry) and returns the byte count. */
  long drain() throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // hashing
    }
    return bytes;
  }

  String hex() {
    return Checksums.hex(md);
  }
}
