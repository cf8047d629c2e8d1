package io.github.remnawaveshop.core.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY-based dump and load of the tables of one schema, in foreign-key order. */
final class PostgresSnapshot {
  private PostgresSnapshot() {}

  /** Base tables of the schema, parents before children (by foreign keys), excluding the given ones. */
  static List<String> tablesInDependencyOrder(Connection c, String schema, Set<String> excluded) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!excluded.contains(rs.getString(1))) {
            tables.add(rs.getString(1));
          }
        }
      }
    }
    Map<String, Set<String>> parents = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT child.relname, parent.relname FROM pg_constraint k "
            + "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
            + "JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!rs.getString(1).equals(rs.getString(2))) {
            parents.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
          }
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (String t : tables) {
      visit(t, parents, tables, ordered, visiting);
    }
    return ordered;
  }

  private static void visit(String t, Map<String, Set<String>> parents, List<String> tables, List<String> ordered,
      Set<String> visiting) {
    if (ordered.contains(t) || !tables.contains(t)) {
      return;
    }
    if (!visiting.add(t)) {
      throw new BackupException("foreign keys form a cycle through table " + t + "; cannot order the restore");
    }
    for (String p : parents.getOrDefault(t, Set.of())) {
      visit(p, parents, tables, ordered, visiting);
    }
    visiting.remove(t);
    ordered.add(t);
  }

  /** Writes one table in COPY text format; returns the row count. */
  static long copyOut(Connection c, String schema, String table, OutputStream out) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    return copy.copyOut("COPY " + quote(schema) + "." + quote(table) + " TO STDOUT", out);
  }

  /** Loads one table from COPY text format; returns the row count. */
  static long copyIn(Connection c, String schema, String table, InputStream in) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    return copy.copyIn("COPY " + quote(schema) + "." + quote(table) + " FROM STDIN", in);
  }

  /** Number of rows in a table. */
  static long count(Connection c, String schema, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(schema) + "." + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Moves every sequence owned by a column of the table past the column's maximum. */
  static void resetSequences(Connection c, String schema, String table) throws SQLException {
    List<String[]> owned = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.attname, pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(cl.relname), a.attname) "
            + "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
            + "WHERE n.nspname = ? AND cl.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(2) != null) {
            owned.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
      }
    }
    for (String[] col : owned) {
      try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, COALESCE((SELECT max(" + quote(col[0])
          + ") FROM " + quote(schema) + "." + quote(table) + "), 0) + 1, false)")) {
        ps.setString(1, col[1]);
        ps.execute();
      }
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
