package org.layoutlease.scenario.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison as JSON: the rows with every policy's cell, and each policy's outcome. */
public final class JsonReport {
    private JsonReport() {
    }

    /** Renders every comparison as one indented JSON document, newline-terminated. */
    public static String render(List<ScenarioComparison> all) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("policies", all.isEmpty() ? List.of() : all.getFirst().policies());
        doc.put("differing_rows", all.stream().mapToLong(ScenarioComparison::differingRows).sum());
        doc.put("scenarios", all.stream().map(JsonReport::scenario).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static Map<String, Object> scenario(ScenarioComparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", c.file());
        m.put("description", c.description());
        m.put("written_for", c.filePolicy());
        m.put("error", c.fileError() == null ? null : c.fileError().getMessage());
        m.put("differing_rows", c.differingRows());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : c.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", r.line());
            row.put("kind", lower(r.kind()));
            row.put("label", r.label());
            row.put("expected", r.expected());
            row.put("extra", r.extra());
            row.put("differs", r.differs());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (int i = 0; i < r.cells().size(); i++) {
                cells.put(c.policies().get(i), cell(r.cells().get(i)));
            }
            row.put("cells", cells);
            rows.add(row);
        }
        m.put("rows", rows);
        m.put("outcomes", c.outcomes().stream().map(JsonReport::outcome).toList());
        return m;
    }

    private static Map<String, Object> cell(Cell x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", lower(x.kind()));
        m.put("text", x.text());
        m.put("detail", x.detail());
        m.put("contradicts_file", x.mismatches());
        return m;
    }

    private static Map<String, Object> outcome(PolicyOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", o.policy());
        m.put("status", o.status());
        m.put("status_name", o.statusName());
        m.put("error", o.error());
        m.put("mismatches", o.mismatches());
        List<Map<String, Object>> inv = new ArrayList<>();
        for (Finding f : o.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.invariant());
            fm.put("line", f.line());
            fm.put("expected", f.expected());
            fm.put("occurred", f.occurred());
            fm.put("text", f.text());
            inv.add(fm);
        }
        m.put("invariants", inv);
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
