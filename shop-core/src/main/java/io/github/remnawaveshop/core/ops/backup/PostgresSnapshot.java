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

  /**
   * Base tables of the schema, parents before children (by foreign keys), excluding the given ones.
   */
  static List<String> tablesInDependencyOrder(Connection c, String schema, Set<String> excluded)
      throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
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
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT child.relname, parent.relname FROM pg_constraint k "
                + "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
                + "JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!rs.getString(1).equals(rs.getString(2))) {
            parents
                .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                .add(rs.getString(2));
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

  private static void visit(
      String t,
      Map<String, Set<String>> parents,
      List<String> tables,
      List<String> ordered,
      Set<String> visiting) {
    if (ordered.contains(t) || !tables.contains(t)) {
      return;
    }
    if (!visiting.add(t)) {
      throw new BackupException(
          "foreign keys form a cycle through table " + t + "; cannot order the restore");
    }
    for (String p : parents.getOrDefault(t, Set.of())) {
      visit(p, parents, tables, ordered, visiting);
    }
    visiting.remove(t);
    ordered.add(t);
  }

  /** Writes one table in COPY text format; returns the row count. */
  static long copyOut(Connection c, String schema, String table, OutputStream out)
      throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    return copy.copyOut("COPY " + quote(schema) + "." + quote(table) + " TO STDOUT", out);
  }

  /** Loads one table from COPY text format; returns the row count. */
  static long copyIn(Connection c, String schema, String table, InputStream in)
      throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    return copy.copyIn("COPY " + quote(schema) + "." + quote(table) + " FROM STDIN", in);
  }

  /** Whether a table has any row (visible to this transaction). */
  static boolean hasRows(Connection c, String schema, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM " + quote(schema) + "." + quote(table) + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Locks the tables against every other access until the transaction ends, so that an emptiness
   * check made after it still holds when the rows are loaded; waits for transactions already
   * writing to them.
   */
  static void lockExclusively(Connection c, String schema, List<String> tables)
      throws SQLException {
    if (tables.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("LOCK TABLE ");
    for (int i = 0; i < tables.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(schema)).append('.').append(quote(tables.get(i)));
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql.append(" IN ACCESS EXCLUSIVE MODE").toString());
    }
  }

  /**
   * Moves every sequence owned by a column of the table past the column's maximum, with {@code
   * ALTER SEQUENCE … RESTART}, which (unlike {@code setval}) a rollback undoes. An empty table
   * leaves its sequences as they are.
   */
  static void resetSequences(Connection c, String schema, String table) throws SQLException {
    List<String[]> owned = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
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
      Long max;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT max(" + quote(col[0]) + ") FROM " + quote(schema) + "." + quote(table))) {
        rs.next();
        long v = rs.getLong(1);
        max = rs.wasNull() ? null : v;
      }
      if (max != null) {
        try (Statement s = c.createStatement()) {
          // the name comes from pg_get_serial_sequence, already quoted where needed
          s.execute("ALTER SEQUENCE " + col[1] + " RESTART WITH " + (max + 1));
        }
      }
    }
  }

  /**
   * {@code SET LOCAL maintenance_work_mem} to {@code size} unless the session already has more; it
   * lasts until the transaction ends.
   */
  static void raiseMaintenanceWorkMem(Connection c, String size) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT set_config('maintenance_work_mem', ?, true) "
                + "WHERE pg_size_bytes(?) > pg_size_bytes(current_setting('maintenance_work_mem'))")) {
      ps.setString(1, size);
      ps.setString(2, size);
      ps.executeQuery().close();
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /**
   * Reads (table, constraint, definition) rows of {@code ps} and, for the tables of the set, adds
   * the statement that drops each constraint and the one that adds it back.
   */
  private static void collectConstraints(
      PreparedStatement ps,
      String schema,
      Set<String> tables,
      List<String> drops,
      List<String> adds)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (tables.contains(rs.getString(1))) {
          String table = quote(schema) + "." + quote(rs.getString(1));
          String constraint = quote(rs.getString(2));
          drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
          adds.add(
              "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + rs.getString(3));
        }
      }
    }
  }

  /**
   * Drops the foreign keys, the primary-key and unique constraints and the indexes that back no
   * constraint on the given tables, and returns the statements that recreate them (primary keys and
   * unique constraints first, then the other indexes, then the foreign keys). Loading into bare
   * tables and building each index and checking each key once afterwards is what makes a bulk
   * restore fast: a unique B-tree kept during COPY is updated row by row, at random places for a
   * key such as a UUID. A primary key or unique constraint that a foreign key of a table outside
   * the set depends on is kept (dropping it would need that key dropped too). Run it inside the
   * restore's transaction so a failure puts everything back.
   */
  static List<String> dropDeferrableStructures(Connection c, String schema, Set<String> tables)
      throws SQLException {
    List<String> dropForeignKeys = new ArrayList<>();
    List<String> addForeignKeys = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                + "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE k.contype = 'f' AND n.nspname = ? ORDER BY t.relname, k.conname")) {
      ps.setString(1, schema);
      collectConstraints(ps, schema, tables, dropForeignKeys, addForeignKeys);
    }
    List<String> dropKeys = new ArrayList<>();
    List<String> addKeys = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                + "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE k.contype IN ('p', 'u') AND n.nspname = ? AND NOT EXISTS ("
                + "SELECT 1 FROM pg_constraint f JOIN pg_class ft ON ft.oid = f.conrelid "
                + "JOIN pg_namespace fn ON fn.oid = ft.relnamespace WHERE f.contype = 'f' "
                + "AND f.conindid = k.conindid AND NOT (fn.nspname = ? AND ft.relname = ANY (?))) "
                + "ORDER BY t.relname, k.contype, k.conname")) {
      ps.setString(1, schema);
      ps.setString(2, schema);
      ps.setArray(3, c.createArrayOf("text", tables.toArray()));
      collectConstraints(ps, schema, tables, dropKeys, addKeys);
    }
    List<String> dropIndexes = new ArrayList<>();
    List<String> createIndexes = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.relname, i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY i.relname")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (tables.contains(rs.getString(1))) {
            dropIndexes.add("DROP INDEX " + quote(schema) + "." + quote(rs.getString(2)));
            createIndexes.add(rs.getString(3));
          }
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String sql : dropForeignKeys) {
        s.execute(sql);
      }
      for (String sql : dropKeys) {
        s.execute(sql);
      }
      for (String sql : dropIndexes) {
        s.execute(sql);
      }
    }
    List<String> recreate = new ArrayList<>(addKeys);
    recreate.addAll(createIndexes);
    recreate.addAll(addForeignKeys);
    return recreate;
  }
}
