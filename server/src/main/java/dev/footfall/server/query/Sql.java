package dev.footfall.server.query;

import java.util.ArrayList;
import java.util.List;

/** A fragment of SQL and its bind parameters, in order; fragments concatenate with their parameters. */
record Sql(String text, List<Object> params) {
    Sql {
        params = List.copyOf(params);
    }

    static Sql of(String text, Object... params) {
        return new Sql(text, List.of(params));
    }

    Sql then(Sql next) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(next.params);
        return new Sql(text + next.text, all);
    }

    Sql then(String next) {
        return new Sql(text + next, params);
    }
}
