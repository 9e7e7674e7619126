package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.fdipulse.http.StoreQueries.Lookup;
import org.fdipulse.model.Keys;
import org.fdipulse.model.Ratio;
import org.fdipulse.output.JsonViews;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.reference.Sector;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.rules.ServicesShareRollup;

/**
 * The answers of contract section 5, assembled from point lookups in the job's stores (on whichever instance). The
 * lookups of one answer are made together, so an answer of twenty keys held elsewhere costs one round trip's time,
 * not twenty.
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
        return stores.get(QueryableStore.SHARES, Keys.scopeQuarter(scope, quarter), deadline);
    }

    /** R8's records of a quarter: {@code ALL} first, then cities by code. */
    ArrayNode capitalMixes(String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return everyScope(QueryableStore.CAPITAL_MIX, quarter, deadline);
    }

    Optional<JsonNode> capitalMix(String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        return stores.get(QueryableStore.CAPITAL_MIX, scope + "|" + quarter, deadline);
    }

    /**
     * Every alert that has ever fired, in its current state (R9), filtered by state, scope and quarter when given:
     * {@code ALL} first, then cities by code, then by quarter and rule. One prefix scan per scope, on its owner.
     */
    ArrayNode alerts(String state, String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        List<String> scopes = scope != null ? List.of(scope) : scopesInOrder();
        String suffix = quarter == null ? "|" : "|" + quarter + "|";
        List<Lookup> scans = scopes.stream().map(s -> new Lookup(QueryableStore.ALERTS, s + suffix, true)).toList();
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
        Optional<JsonNode> shares = stores.getAll(List.of(new Lookup(QueryableStore.SHARES,
                ServicesShareRollup.ALL + Keys.SEPARATOR, true)), deadline).get(0);
        List<Quarter> quarters = new ArrayList<>();
        shares.ifPresent(all -> all.forEach(share -> quarters.add(Quarter.parse(share.get("quarter").asText()))));
        quarters.stream().sorted(Comparator.comparingInt(q -> q.year() * 4 + q.number())).forEach(q -> out.add(q.toString()));
        return out;
    }

    private ArrayNode everyScope(QueryableStore store, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        List<Lookup> keys = scopesInOrder().stream().map(scope -> new Lookup(store, scope + "|" + quarter)).toList();
        stores.getAll(keys, deadline).forEach(record -> record.ifPresent(out::add));
        return out;
    }

    private List<String> scopesInOrder() {
        List<String> scopes = new ArrayList<>();
        scopes.add(ServicesShareRollup.ALL);
        reference.cityCodes().stream().sorted().forEach(scopes::add);
        return scopes;
    }

    /** {@code {city, quarter, currency, total, sectors: [{sector, amount, investments}]}}, sectors with investments. */
    Optional<ObjectNode> investments(String city, String quarter, Deadline deadline) throws StoreQueries.UnavailableException {
        ArrayNode sectors = JsonViews.MAPPER.createArrayNode();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        boolean any = false;
        List<String> letters = reference.sectorLetters();
        List<Lookup> keys = new ArrayList<>();
        for (String letter : letters) {
            keys.add(new Lookup(QueryableStore.SECTOR_CELLS, Keys.sectorCell(city, letter, quarter)));
        }
        List<Optional<JsonNode>> cells = stores.getAll(keys, deadline);
        for (int i = 0; i < letters.size(); i++) {
            String letter = letters.get(i);
            Optional<JsonNode> cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            any = true;
            int investments = cell.get().get("investments").asInt();
            BigDecimal amount = cell.get().get("amount").decimalValue();
            if (investments > 0) {
                ObjectNode s = sectors.addObject();
                s.put("sector", letter);
                s.put("amount", JsonViews.amount(amount));
                s.put("investments", investments);
                total = total.add(amount);
            }
        }
        if (!any) {
            return Optional.empty();
        }
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("city", city);
        out.put("quarter", quarter);
        out.put("currency", currency);
        out.put("total", JsonViews.amount(total));
        out.set("sectors", sectors);
        return Optional.of(out);
    }

    /** {@code {scope, areas: [{focusArea, …}], all: {…}}} with areas in the reference data's order. */
    Optional<ObjectNode> progress(String scope, Deadline deadline) throws StoreQueries.UnavailableException {
        boolean nationwide = ServicesShareRollup.ALL.equals(scope);
        List<String> focusAreas = List.copyOf(reference.focusAreas());
        List<Lookup> keys = new ArrayList<>();
        keys.add(new Lookup(nationwide ? QueryableStore.PROGRESS_NATIONWIDE_OVERALL : QueryableStore.PROGRESS_CITY_OVERALL,
                Keys.scopeFocusArea(scope, ServicesShareRollup.ALL)));
        for (String area : focusAreas) {
            keys.add(new Lookup(nationwide ? QueryableStore.PROGRESS_NATIONWIDE_AREA : QueryableStore.PROGRESS_CITY_AREA,
                    Keys.scopeFocusArea(scope, area)));
        }
        List<Optional<JsonNode>> found = stores.getAll(keys, deadline);
        Optional<JsonNode> overall = found.get(0);
        if (overall.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode areas = JsonViews.MAPPER.createArrayNode();
        for (int i = 0; i < focusAreas.size(); i++) {
            String area = focusAreas.get(i);
            found.get(i + 1).ifPresent(c -> areas.addObject().put("focusArea", area).setAll(progressFigures(c)));
        }
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("scope", scope);
        out.set("areas", areas);
        out.set("all", progressFigures(overall.get()));
        return Optional.of(out);
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
        return ServicesShareRollup.ALL.equals(scope) || reference.cityCodes().contains(scope);
    }

    boolean isCity(String city) {
        return reference.cityCodes().contains(city);
    }

    boolean isPilotScope(String scope) {
        return ServicesShareRollup.ALL.equals(scope) || reference.city(scope).map(City::isPilotArea).orElse(false);
    }

    private static ObjectNode progressFigures(JsonNode counts) {
        int planned = counts.get("planned").asInt();
        int inProgress = counts.get("inProgress").asInt();
        int implemented = counts.get("implemented").asInt();
        ObjectNode node = JsonViews.MAPPER.createObjectNode();
        node.put("planned", planned);
        node.put("inProgress", inProgress);
        node.put("implemented", implemented);
        node.put("total", planned + inProgress + implemented);
        node.put("implementationRate", Ratio.of(implemented, planned + inProgress + implemented));
        return node;
    }
}
