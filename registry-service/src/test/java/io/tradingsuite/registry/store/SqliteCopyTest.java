package io.tradingsuite.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCopyTest {

  /** A table added by a later migration must be carried by backups on PostgreSQL too. */
  @Test
  void carriesEveryTableOfTheSchemaParentsFirst(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("schema.sqlite");
    String url = "jdbc:sqlite:" + db;
    Flyway.configure()
        .dataSource(url, "", "")
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " AND name <> 'flyway_schema_history'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    assertThat(SqliteCopy.tableNames()).containsExactlyInAnyOrderElementsOf(tables);
    List<String> order = SqliteCopy.tableNames();
    for (String child : List.of("run", "run_trade", "run_pair", "hyperopt_epoch")) {
      String parent = child.equals("run") ? "artifact" : "run";
      assertThat(order.indexOf(parent))
          .as(parent + " before " + child)
          .isLessThan(order.indexOf(child));
    }
    assertThat(Files.exists(db)).isTrue();
  }
}
