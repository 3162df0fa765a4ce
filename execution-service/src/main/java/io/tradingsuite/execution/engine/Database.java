package io.tradingsuite.execution.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Runs one unit of work in one JDBC transaction: all of it is committed, or none of it. */
public final class Database {
  private final DataSource dataSource;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T transact(Function<Store, T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      boolean committed = false;
      try (Store store = new Store(c)) {
        T result = work.apply(store);
        c.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          // never let setAutoCommit(true) below commit a half-done unit of work
          try {
            c.rollback();
          } catch (SQLException ignored) {
            // the connection is gone; so is the transaction
          }
        }
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // the pool discards a broken connection
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database failure: " + e.getMessage(), e);
    }
  }
}
