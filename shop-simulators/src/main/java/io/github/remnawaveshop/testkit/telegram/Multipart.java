package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** A small {@code multipart/form-data} parser: text parts become fields, file parts uploads. */
final class Multipart {
  private Multipart() {}

  static void parse(
      String contentType,
      byte[] body,
      ObjectNode fields,
      Map<String, RequestParams.Upload> uploads) {
    String boundary = parameter(contentType, "boundary");
    if (boundary == null || boundary.isEmpty()) {
      throw ApiError.badRequest("can't parse multipart/form-data request: no boundary");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw ApiError.badRequest("can't parse multipart/form-data request: boundary not found");
    }
    while (true) {
      int afterDelimiter = pos + delimiter.length;
      if (afterDelimiter + 1 < body.length
          && body[afterDelimiter] == '-'
          && body[afterDelimiter + 1] == '-') {
        return;
      }
      int headersStart = skipLineBreak(body, afterDelimiter);
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        return;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int next = indexOf(body, delimiter, contentStart);
      if (next < 0) {
        throw ApiError.badRequest("can't parse multipart/form-data request: unterminated part");
      }
      int contentEnd = next;
      if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
        contentEnd -= 2;
      }
      byte[] content = Arrays.copyOfRange(body, contentStart, contentEnd);
      String disposition = null;
      String partType = "application/octet-stream";
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (name.equals("content-disposition")) {
          disposition = line.substring(colon + 1).trim();
        } else if (name.equals("content-type")) {
          partType = line.substring(colon + 1).trim();
        }
      }
      if (disposition != null) {
        String name = parameter(disposition, "name");
        String fileName = parameter(disposition, "filename");
        if (name != null) {
          if (fileName != null) {
            uploads.put(name, new RequestParams.Upload(fileName, partType, content));
          } else {
            fields.put(name, new String(content, StandardCharsets.UTF_8));
          }
        }
      }
      pos = next;
    }
  }

  private static int skipLineBreak(byte[] body, int at) {
    if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
      return at + 2;
    }
    return at;
  }

  /** A {@code key=value} or {@code key="value"} parameter of a header value. */
  static String parameter(String header, String key) {
    for (String part : header.split(";")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
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
