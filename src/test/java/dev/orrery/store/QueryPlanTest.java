package dev.orrery.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements on the planning path use the indexes the migrations made for them (no table scans). */
@Tag("slow")
class QueryPlanTest {
    @Test
    void changesOfAPlanAreFoundThroughThePartialPlanIndex(@TempDir Path dir) {
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(plan(store, "SELECT id FROM changes WHERE plan_uid = ? ORDER BY id"))
                    .anyMatch(step -> step.contains("INDEX changes_plan"));
            assertThat(plan(store, "SELECT id FROM changes WHERE plan_uid = ? AND resource = ?"))
                    .anyMatch(step -> step.contains("INDEX changes_plan"));
        }
    }

    @Test
    void markingAPlansChangesProcessedWalksTheStagedIndex(@TempDir Path dir) {
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(plan(store, "UPDATE changes SET status = 'PROCESSED', plan_uid = ? WHERE status = 'STAGED' "
                    + "AND id IN (SELECT change_id FROM plan_changes WHERE plan_id = ?)"))
                    // SQLite 3.46 walked the staged index; 3.54 looks each id up by rowid: both avoid a scan
                    .anyMatch(step -> step.contains("INDEX changes_staged") || step.contains("INTEGER PRIMARY KEY"))
                    .noneMatch(step -> step.startsWith("SCAN changes"));
        }
    }

    private static List<String> plan(SqliteStore store, String sql) {
        return store.db().read("explain", d -> {
            List<String> steps = new ArrayList<>();
            PreparedStatement ps = d.prepare("EXPLAIN QUERY PLAN " + sql);
            int parameters = (int) sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                ps.setString(i, "x");
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
            return steps;
        });
    }
}
