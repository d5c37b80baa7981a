package dev.footfall.server.query;

import dev.footfall.server.RunningServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A query's rows as lists of column values, to compare tables before and after a fill. */
final class TestRows {
    private TestRows() {
    }

    static List<List<Object>> rows(RunningServer server, String sql) throws SQLException {
        return rows(server.footfall().dataSource(), sql);
    }

    static List<List<Object>> rows(DataSource db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
