package io.github.remnawaveshop.core.ops.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes what passes through, without closing the underlying ZIP stream. Not API. */
final class CountingOutputStream extends FilterOutputStream {
  private final MessageDigest md = Checksums.sha256();
  private long bytes;

  CountingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    md.update((byte) b);
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    md.update(b, off, len);
    bytes += len;
  }

  @Override
  public void close() {
    // the ZIP entry is closed by the caller
  }

  long bytes() {
    return bytes;
  }

  String hex() {
    return Checksums.hex(md);
  }
}
