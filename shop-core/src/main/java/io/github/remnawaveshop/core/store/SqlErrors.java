package io.github.remnawaveshop.core.store;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns JDBC and Jdbi failures into the store's exception hierarchy. */
final class SqlErrors {
  private SqlErrors() {}

  static StoreException translate(String action, Throwable failure) {
    if (failure instanceof StoreException storeException) {
      return storeException;
    }
    SQLException sql = findSqlException(failure);
    if (sql == null) {
      if (failure instanceof ConnectionException) {
        return new StoreUnavailableException(
            action + " failed: no database connection: " + failure.getMessage(), null, failure);
      }
      return new StoreException(action + " failed: " + failure.getMessage(), null, failure);
    }
    String state = sql.getSQLState();
    String constraint = null;
    String text = sql.getMessage();
    if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      constraint = server.getConstraint();
      // the main message only: the detail line would repeat bound values (ids, codes)
      text = server.getMessage();
    }
    String message =
        action
            + " failed: "
            + text
            + " (SQLState "
            + state
            + (constraint == null ? "" : ", constraint " + constraint)
            + ")";
    if (state == null) {
      return failure instanceof ConnectionException
          ? new StoreUnavailableException(message, null, failure)
          : new StoreException(message, null, failure);
    }
    switch (state) {
      case "23505":
        return new DuplicateKeyException(message, state, constraint, failure);
      case "23514":
        return new CheckViolationException(message, state, constraint, failure);
      case "23503":
        return new ForeignKeyViolationException(message, state, constraint, failure);
      case "40001":
      case "40P01":
      case "55P03":
        return new ConcurrencyConflictException(message, state, failure);
      default:
        break;
    }
    if (state.startsWith("23")) {
      return new ConstraintViolationException(message, state, constraint, failure);
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
      return new StoreUnavailableException(message, state, failure);
    }
    return new StoreException(message, state, failure);
  }

  private static @Nullable SQLException findSqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
