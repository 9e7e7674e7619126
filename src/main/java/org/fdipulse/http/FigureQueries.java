package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fdipulse.keys.Scope;
import org.fdipulse.http.StoreQueries.Lookup;
import org.fdipulse.keys.KeyFormat;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;
import org.fdipulse.output.JsonViews;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.reference.Sector;
import org.fdipulse.rules.ProgrammeImpact;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.RejectionReason;

/**
 * The answers of contract section 5, read from what the job published, in stores keyed for the questions asked: an
 * answer about one scope (a city's investments in a quarter, a scope's pilot progress, a scope's share records) is one
 * prefix scan on the instance that holds the scope; an answer that spans the scopes reads one key per scope, and
 * {@link StoreQueries} sends the keys another instance holds in one request to it. Nothing is computed here that the
 * job has published: only selected, ordered and, for a city's quarter, summed over its sectors.
 */
final class FigureQueries {

    private final StoreQueries stores;
    private final ReferenceData reference;
    private final String currency;

    FigureQueries(StoreQueries stores, ReferenceData reference, String currency) {
        this.stores = stores;
        this.reference = reference;
        this.currency = currency;
    }

    /** {@code ALL} first, then cities by code. */
    ArrayNode shares(String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return everyScope(QueryableStore.SHARES, quarter, deadline);
    }

    Optional<JsonNode> share(String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return stores.get(QueryableStore.SHARES, new ScopeQuarter(scope, quarter).encode(), deadline);
    }

    /** R8's records of a quarter: {@code ALL} first, then cities by code. */
    ArrayNode capitalMixes(String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return everyScope(QueryableStore.CAPITAL_MIX, quarter, deadline);
    }

    Optional<JsonNode> capitalMix(String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return stores.get(QueryableStore.CAPITAL_MIX, new ScopeQuarter(scope, quarter).encode(), deadline);
    }

    ArrayNode sourceMixes(String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return everyScope(QueryableStore.SOURCE_MIX, quarter, deadline);
    }

    Optional<JsonNode> sourceMix(String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return stores.get(QueryableStore.SOURCE_MIX, new ScopeQuarter(scope, quarter).encode(), deadline);
    }

    /**
     * Every alert that has ever fired, in its current state (R9), filtered by state, scope and quarter when given:
     * {@code ALL} first, then cities by code, then by quarter and rule. One prefix scan per scope, on its owner.
     */
    ArrayNode alerts(String state, String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        List<String> scopes = scope != null ? List.of(scope) : scopesInOrder();
        List<Lookup> scans = scopes.stream().map(s -> new Lookup(QueryableStore.ALERTS,
                quarter == null ? KeyFormat.prefix(s) : KeyFormat.prefix(s, quarter), true)).toList();
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        for (Optional<JsonNode> found : stores.getAll(scans, deadline)) {
            found.ifPresent(alerts -> alerts.forEach(alert -> {
                if (state == null || state.equals(alert.get("state").asText())) {
                    out.add(alert);
                }
            }));
        }
        return out;
    }

    /**
     * The reference data this deployment uses, for clients that draw it (the dashboard): cities by code with their
     * pilot cohort (null: not a pilot area), sectors in the sector file's order, focus areas, the reporting currency.
     */
    ObjectNode reference() {
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("currency", currency);
        ArrayNode cities = out.putArray("cities");
        reference.cityCodes().stream().sorted().forEach(code -> {
            City city = reference.city(code).orElseThrow();
            ObjectNode c = cities.addObject().put("code", code).put("pilot", city.isPilotArea());
            if (city.cohort().isPresent()) {
                c.put("cohort", city.cohort().getAsInt());
            } else {
                c.putNull("cohort");
            }
        });
        ArrayNode sectors = out.putArray("sectors");
        reference.sectorLetters().forEach(letter -> {
            Sector sector = reference.sector(letter).orElseThrow();
            sectors.addObject().put("letter", letter).put("name", sector.name()).put("services", sector.services());
        });
        ArrayNode areas = out.putArray("focusAreas");
        reference.focusAreas().forEach(areas::add);
        return out;
    }

    /** The quarters that have a nationwide (ALL) share record, in order: one prefix scan on ALL's owner. */
    ArrayNode quarters(Deadline deadline) throws StoreQueries.UnavailableException {
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        sharesOf(Scope.ALL, deadline).forEach(share -> out.add(share.get("quarter").asText()));
        return out;
    }

    /** Every share record of a scope, in quarter order: one prefix scan {@code scope|} on the scope's owner. */
    ArrayNode sharesOf(String scope, Deadline deadline) throws StoreQueries.UnavailableException {
        List<JsonNode> shares = new ArrayList<>();
        scan(QueryableStore.SHARES, KeyFormat.prefix(scope), deadline).forEach(shares::add);
        // key order is quarter order only while years have four digits; R1 allows any year an instant has
        shares.sort(Comparator.comparing(share -> Quarter.parse(share.get("quarter").asText())));
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        shares.forEach(out::add);
        return out;
    }

    private ArrayNode everyScope(QueryableStore store, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        List<Lookup> keys = scopesInOrder().stream().map(scope -> new Lookup(store, new ScopeQuarter(scope, quarter).encode())).toList();
        stores.getAll(keys, deadline).forEach(record -> record.ifPresent(out::add));
        return out;
    }

    /** Every record under a prefix of one scope, as {@code key: value} in key order. */
    private JsonNode scan(QueryableStore store, String prefix, Deadline deadline) throws StoreQueries.UnavailableException {
        return stores.getAll(List.of(new Lookup(store, prefix, true)), deadline).get(0)
                .orElseGet(JsonViews.MAPPER::createObjectNode);
    }

    private List<String> pilotScopesInOrder() {
        return scopesInOrder().stream().filter(this::isPilotScope).toList();
    }

    private List<String> scopesInOrder() {
        List<String> scopes = new ArrayList<>();
        scopes.add(Scope.ALL);
        reference.cityCodes().stream().sorted().forEach(scopes::add);
        return scopes;
    }

    /**
     * {@code {city, quarter, currency, total, sectors: [{sector, amount, investments}]}}, the sectors with investments
     * in the reference data's order: one prefix scan {@code city|quarter|} of the sector cells, on the city's owner.
     * The total is the sum of the cells the scan found, so it always agrees with the sectors listed.
     */
    Optional<ObjectNode> investments(String city, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        Map<String, JsonNode> bySector = new HashMap<>();
        scan(QueryableStore.SECTOR_CELLS, SectorCell.storePrefix(city, quarter), deadline).fields()
                .forEachRemaining(cell -> bySector.put(SectorCell.fromStoreKey(cell.getKey()).sector(), cell.getValue()));
        if (bySector.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode sectors = JsonViews.MAPPER.createArrayNode();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (String letter : reference.sectorLetters()) {
            JsonNode cell = bySector.get(letter);
            if (cell != null && cell.get("investments").asInt() > 0) {
                BigDecimal amount = cell.get("amount").decimalValue();
                sectors.addObject().put("sector", letter).put("amount", JsonViews.amount(amount))
                        .put("investments", cell.get("investments").asInt());
                total = total.add(amount);
            }
        }
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("city", city);
        out.put("quarter", quarter);
        out.put("currency", currency);
        out.put("total", JsonViews.amount(total));
        out.set("sectors", sectors);
        return Optional.of(out);
    }

    /**
     * {@code {scope, areas: [{focusArea, …}], all: {…}}}, areas in the reference data's order, each figure as the
     * job published it: one prefix scan {@code scope|} of the progress records, on the scope's owner.
     */
    Optional<ObjectNode> progress(String scope, Deadline deadline) throws StoreQueries.UnavailableException {
        return progressOf(scope, scan(QueryableStore.PILOT_PROGRESS, KeyFormat.prefix(scope), deadline));
    }

    /**
     * The progress of {@code ALL} and of every pilot city, in that order (cities by code), each as {@link #progress}
     * answers it; a scope with no measure yet is left out. One prefix scan per scope, the scans another instance
     * holds sent to it in one request: what the dashboard's heat map draws, in one request instead of one per city.
     */
    ArrayNode progressOfEveryScope(Deadline deadline) throws StoreQueries.UnavailableException {
        List<String> scopes = pilotScopesInOrder();
        List<Lookup> scans = scopes.stream().map(s -> new Lookup(QueryableStore.PILOT_PROGRESS, KeyFormat.prefix(s), true)).toList();
        List<Optional<JsonNode>> found = stores.getAll(scans, deadline);
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            found.get(i).flatMap(records -> progressOf(scope, records)).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ObjectNode> progressOf(String scope, JsonNode records) {
        Map<String, ObjectNode> byArea = new HashMap<>();
        records.forEach(record -> byArea.put(record.get("focusArea").asText(), ((ObjectNode) record).without("scope")));
        ObjectNode overall = byArea.get(Scope.ALL);
        if (overall == null) {
            return Optional.empty();
        }
        ArrayNode areas = JsonViews.MAPPER.createArrayNode();
        reference.focusAreas().stream().map(byArea::get).filter(Objects::nonNull).forEach(areas::add);
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("scope", scope);
        out.set("areas", areas);
        out.set("all", overall.without("focusArea"));
        return Optional.of(out);
    }

    /**
     * {@code {currency, outcome, overall, eventStudy: [by eventTime], cells: [by cohort, then quarter]}} (R10), each
     * estimate as the job published it, {@code overall} null until defined: one scan of the one task that holds them.
     */
    ObjectNode impact(Deadline deadline) throws StoreQueries.UnavailableException {
        List<JsonNode> eventStudy = new ArrayList<>();
        List<JsonNode> cells = new ArrayList<>();
        JsonNode overall = null;
        for (JsonNode estimate : scan(QueryableStore.PROGRAMME_IMPACT, "", deadline)) {
            switch (estimate.get("kind").asText()) {
                case "CELL" -> cells.add(estimate);
                case "EVENT_TIME" -> eventStudy.add(estimate);
                default -> overall = estimate;
            }
        }
        eventStudy.sort(Comparator.comparingInt(e -> e.get("eventTime").asInt()));
        cells.sort(Comparator.comparing((JsonNode c) -> Quarter.parse(c.get("cohort").asText()))
                .thenComparing(c -> Quarter.parse(c.get("quarter").asText())));
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("currency", currency);
        out.put("outcome", ProgrammeImpact.OUTCOME);
        out.set("overall", overall);
        out.set("eventStudy", JsonViews.MAPPER.createArrayNode().addAll(eventStudy));
        out.set("cells", JsonViews.MAPPER.createArrayNode().addAll(cells));
        return out;
    }

    /** {@code {total, byReason: {CODE: count}}} since the job's state began. */
    ObjectNode deadLetters(Deadline deadline) throws StoreQueries.UnavailableException {
        ObjectNode byReason = JsonViews.MAPPER.createObjectNode();
        long total = 0;
        List<String> reasons = new ArrayList<>();
        for (RejectionReason reason : RejectionReason.values()) {
            reasons.add(reason.name());
        }
        reasons.add("UNKNOWN");
        List<Optional<JsonNode>> counts = stores.getAll(reasons.stream().map(r -> new Lookup(QueryableStore.DEAD_LETTERS, r)).toList(),
                deadline);
        for (int i = 0; i < reasons.size(); i++) {
            String reason = reasons.get(i);
            Optional<JsonNode> count = counts.get(i);
            if (count.isPresent()) {
                byReason.put(reason, count.get().asLong());
                total += count.get().asLong();
            }
        }
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("total", total);
        out.set("byReason", byReason);
        return out;
    }

    boolean isScope(String scope) {
        return Scope.ALL.equals(scope) || reference.cityCodes().contains(scope);
    }

    boolean isCity(String city) {
        return reference.cityCodes().contains(city);
    }

    boolean isPilotScope(String scope) {
        return Scope.ALL.equals(scope) || reference.city(scope).map(City::isPilotArea).orElse(false);
    }
}
