package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fdipulse.output.JsonViews;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.Ratio;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.rules.ServicesShareRollup;

/** The answers of SPEC section 5, assembled from point lookups in the job's stores (on whichever instance). */
final class FigureQueries {

    private static final String SECTORS = "ABCDEFGHIJKLMNOPQRST";

    private final StoreQueries stores;
    private final ReferenceData reference;
    private final String currency;

    FigureQueries(StoreQueries stores, ReferenceData reference, String currency) {
        this.stores = stores;
        this.reference = reference;
        this.currency = currency;
    }

    /** {@code ALL} first, then cities by code. */
    ArrayNode shares(String quarter) throws StoreQueries.UnavailableException {
        ArrayNode out = JsonViews.MAPPER.createArrayNode();
        List<String> scopes = new ArrayList<>();
        scopes.add(ServicesShareRollup.ALL);
        reference.cityCodes().stream().sorted().forEach(scopes::add);
        for (String scope : scopes) {
            share(scope, quarter).ifPresent(out::add);
        }
        return out;
    }

    Optional<JsonNode> share(String scope, String quarter) throws StoreQueries.UnavailableException {
        return stores.get(QueryableStore.SHARES, scope + "|" + quarter);
    }

    /** {@code {city, quarter, currency, total, sectors: [{sector, amount, investments}]}}, sectors with investments. */
    Optional<ObjectNode> investments(String city, String quarter) throws StoreQueries.UnavailableException {
        ArrayNode sectors = JsonViews.MAPPER.createArrayNode();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        boolean any = false;
        for (char letter : SECTORS.toCharArray()) {
            Optional<JsonNode> cell = stores.get(QueryableStore.SECTOR_CELLS, city + "|" + letter + "|" + quarter);
            if (cell.isEmpty()) {
                continue;
            }
            any = true;
            int investments = cell.get().get("investments").asInt();
            BigDecimal amount = cell.get().get("amount").decimalValue();
            if (investments > 0) {
                ObjectNode s = sectors.addObject();
                s.put("sector", String.valueOf(letter));
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
    Optional<ObjectNode> progress(String scope) throws StoreQueries.UnavailableException {
        boolean nationwide = ServicesShareRollup.ALL.equals(scope);
        Optional<JsonNode> overall = stores.get(nationwide ? QueryableStore.PROGRESS_NATIONWIDE_OVERALL
                : QueryableStore.PROGRESS_CITY_OVERALL, scope + "|ALL");
        if (overall.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode areas = JsonViews.MAPPER.createArrayNode();
        for (String area : reference.focusAreas()) {
            Optional<JsonNode> counts = stores.get(nationwide ? QueryableStore.PROGRESS_NATIONWIDE_AREA
                    : QueryableStore.PROGRESS_CITY_AREA, scope + "|" + area);
            counts.ifPresent(c -> areas.addObject().put("focusArea", area).setAll(progressFigures(c)));
        }
        ObjectNode out = JsonViews.MAPPER.createObjectNode();
        out.put("scope", scope);
        out.set("areas", areas);
        out.set("all", progressFigures(overall.get()));
        return Optional.of(out);
    }

    /** {@code {total, byReason: {CODE: count}}} since the job's state began. */
    ObjectNode deadLetters() throws StoreQueries.UnavailableException {
        ObjectNode byReason = JsonViews.MAPPER.createObjectNode();
        long total = 0;
        List<String> reasons = new ArrayList<>();
        for (RejectionReason reason : RejectionReason.values()) {
            reasons.add(reason.name());
        }
        reasons.add("UNKNOWN");
        for (String reason : reasons) {
            Optional<JsonNode> count = stores.get(QueryableStore.DEAD_LETTERS, reason);
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
