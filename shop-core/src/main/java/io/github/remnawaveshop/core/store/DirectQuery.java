package io.github.remnawaveshop.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A query with named parameters run on a JDBC connection (a Jdbi handle's, or one borrowed for the
 * call by {@link Db#onConnection}), for the few statements on the hot paths: {@code applyPayment}'s
 * and the point lookups and expiring page the bot serves. Jdbi builds a statement context, a copy
 * of its configuration and an argument chain per statement; a packet capture of the payment
 * benchmark put this SDK's client-side time per payment well above a raw-JDBC peer's, so these
 * statements skip it: the SQL is parsed once into positional form ({@code :name} outside quotes;
 * {@code ::} casts are left alone) and bound by index. Everything else stays on Jdbi.
 */
final class DirectQuery {
  private static final Map<String, DirectQuery> PARSED = new ConcurrentHashMap<>();

  private final String positional;
  private final String[] names;

  private DirectQuery(String positional, String[] names) {
    this.positional = positional;
    this.names = names;
  }

  /** The parsed form of {@code sql}, cached by its text (the store's statements are constants). */
  static DirectQuery of(String sql) {
    return PARSED.computeIfAbsent(sql, DirectQuery::parse);
  }

  /** Positional SQL and the parameter names in order (a name used twice appears twice). */
  static DirectQuery parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = sql.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote at " + i + " in: " + sql);
        }
        out.append(sql, i, end + 1);
        i = end;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        i++;
      } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && isNamePart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end - 1;
      } else {
        out.append(c);
      }
    }
    return new DirectQuery(out.toString(), names.toArray(String[]::new));
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The SQL with {@code ?} for each parameter. */
  String positional() {
    return positional;
  }

  /** The parameter names in the order of the {@code ?}s. */
  List<String> names() {
    return List.of(names);
  }

  /** One row's mapping. */
  @FunctionalInterface
  interface RowMapper<R> {
    R map(ResultSet rs) throws SQLException;
  }

  /** Values by parameter name; every name of the query must have one (null included). */
  static final class Params {
    private final Map<String, @Nullable Object> values = new HashMap<>();

    /** Sets a parameter: a String, Long, Integer, Boolean, OffsetDateTime or null. */
    Params set(String name, @Nullable Object value) {
      values.put(name, value);
      return this;
    }
  }

  /**
   * Runs the query on {@code connection} and maps its only row.
   *
   * @return the row, or empty when there is none
   * @throws SQLException as the driver reports it
   * @throws IllegalStateException when a parameter has no value or more than one row came back
   */
  <R> Optional<R> findOne(Connection connection, Params params, RowMapper<R> mapper)
      throws SQLException {
    try (PreparedStatement ps = prepare(connection, params);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      R row = mapper.map(rs);
      if (rs.next()) {
        throw new IllegalStateException("more than one row for: " + positional);
      }
      return Optional.of(row);
    }
  }

  /**
   * Runs the query on {@code connection} and maps every row, in order.
   *
   * @return the rows, unmodifiable
   * @throws SQLException as the driver reports it
   * @throws IllegalStateException when a parameter has no value
   */
  <R> List<R> list(Connection connection, Params params, RowMapper<R> mapper) throws SQLException {
    try (PreparedStatement ps = prepare(connection, params);
        ResultSet rs = ps.executeQuery()) {
      List<R> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return Collections.unmodifiableList(rows);
    }
  }

  private PreparedStatement prepare(Connection connection, Params params) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(positional);
    try {
      for (int i = 0; i < names.length; i++) {
        if (!params.values.containsKey(names[i])) {
          throw new IllegalStateException("no value for parameter :" + names[i]);
        }
        bind(ps, i + 1, params.values.get(names[i]));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      try {
        ps.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void bind(PreparedStatement ps, int index, @Nullable Object value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.OTHER);
    } else if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer v) {
      ps.setInt(index, v);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof OffsetDateTime t) {
      ps.setObject(index, t);
    } else {
      throw new IllegalArgumentException(
          "unsupported parameter type " + value.getClass().getName() + " at " + index);
    }
  }
}
