package org.fdipulse.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;

/**
 * Every query of the HTTP API a test may send, with the answer {@link ContractModel} says it must get once the input
 * is processed: the status and, for 200, the figures as one text. {@link #describe} turns a body into that text.
 */
final class ExpectedAnswers {

    /** The status a path must answer with, and its figures for 200. */
    record Answer(int status, String figures) {
    }

    private ExpectedAnswers() {
    }

    static Map<String, Answer> of(ContractModel model) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, List<String>> scopesByQuarter = new TreeMap<>();
        model.shares().forEach((key, value) -> {
            ScopeQuarter k = ScopeQuarter.decode(key);
            answers.put("/api/v1/services-share/" + k.scope() + "/" + k.quarter(), new Answer(200, value));
            scopesByQuarter.computeIfAbsent(k.quarter(), q -> new ArrayList<>()).add(k.scope());
        });
        scopesByQuarter.forEach((quarter, scopes) -> {
            List<String> ordered = new ArrayList<>(scopes.stream().filter(s -> !s.equals("ALL")).sorted().toList());
            ordered.add(0, "ALL");
            StringBuilder figures = new StringBuilder();
            ordered.forEach(s -> figures.append(s).append('=').append(model.shares().get(new ScopeQuarter(s, quarter).encode())).append('\n'));
            answers.put("/api/v1/services-share?quarter=" + quarter, new Answer(200, figures.toString()));
        });
        Map<String, Map<String, String>> cells = new TreeMap<>();
        model.sectorCells().forEach((key, value) -> {
            SectorCell k = SectorCell.decode(key);
            Map<String, String> sectors = cells.computeIfAbsent(k.city() + "/" + k.quarter(), x -> new TreeMap<>());
            if (!value.endsWith(" x0")) {
                sectors.put(k.sector(), value);
            }
        });
        cells.forEach((path, sectors) -> answers.put("/api/v1/investments/" + path, new Answer(200, sectors.toString())));
        Map<String, Map<String, String>> progress = new TreeMap<>();
        model.progress().forEach((key, value) -> {
            ScopeFocusArea k = ScopeFocusArea.decode(key);
            progress.computeIfAbsent(k.scope(), x -> new TreeMap<>()).put(k.focusArea(), value);
        });
        progress.forEach((scope, areas) -> answers.put("/api/v1/pilot/progress/" + scope, new Answer(200, areas.toString())));
        answers.put("/api/v1/dead-letters", new Answer(200, new TreeMap<>(model.deadLetters()).toString()));
        answers.put("/api/v1/services-share/ALL/1999-Q1", new Answer(404, null));
        answers.put("/api/v1/investments/atlantis/2025-Q1", new Answer(404, null));
        return answers;
    }

    /** The figures of a 200 body of {@code path}, in the texts of {@link #of}. */
    static String describe(String path, JsonNode body) {
        if (path.startsWith("/api/v1/services-share?")) {
            StringBuilder figures = new StringBuilder();
            body.forEach(s -> figures.append(s.get("scope").asText()).append('=').append(Describe.shareJson(s)).append('\n'));
            return figures.toString();
        }
        if (path.startsWith("/api/v1/services-share/")) {
            return Describe.shareJson(body);
        }
        if (path.startsWith("/api/v1/investments/")) {
            Map<String, String> sectors = new TreeMap<>();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (JsonNode s : body.get("sectors")) {
                sectors.put(s.get("sector").asText(), Describe.sectorJson(s));
                total = total.add(new BigDecimal(s.get("amount").asText()));
            }
            String wrongTotal = total.toPlainString().equals(body.get("total").asText()) ? "" : " but total " + body.get("total");
            return sectors + wrongTotal;
        }
        if (path.startsWith("/api/v1/pilot/progress/")) {
            Map<String, String> areas = new TreeMap<>();
            body.get("areas").forEach(a -> areas.put(a.get("focusArea").asText(), Describe.progressJson(a)));
            areas.put("ALL", Describe.progressJson(body.get("all")));
            return areas.toString();
        }
        Map<String, Integer> byReason = new TreeMap<>();
        body.get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asInt()));
        int total = byReason.values().stream().mapToInt(Integer::intValue).sum();
        return byReason + (total == body.get("total").asInt() ? "" : " but total " + body.get("total"));
    }
}
