package org.fdipulse.model;

/**
 * Every composite key of the contract (docs/contract.md, section 2) and of the job's own stores: the parts joined
 * by {@code |}. Build and read them here only, so that the job, {@code ingest}, the HTTP API and the tests cannot
 * drift apart. Parts are codes as the job normalises them (city lower case, sector and currency upper case, quarters
 * {@code YYYY-Qn}); none of them but a measureId can hold a {@code |}.
 *
 * <p>Every key built from a scope (a city or {@code ALL}) starts with it: the rollups keep all the figures of a scope
 * in one task, so {@link #scopeOf} is the key those stores are partitioned on.
 */
public final class Keys {

    public static final char SEPARATOR = '|';
    private static final String SEPARATOR_PATTERN = "\\|";

    private Keys() {
    }

    /** {@code city|sector|quarter}: the key of {@code fdi.sector-summary}. */
    public static String sectorCell(String city, String sector, String quarter) {
        return city + SEPARATOR + sector + SEPARATOR + quarter;
    }

    /**
     * {@code city|quarter|sector}: a sector cell in the investment rollup's store. Quarter before sector, unlike the
     * output topic's key, so that one prefix scan ({@code prefix(city, quarter)}) finds every sector of a city's
     * quarter, the question {@code /api/v1/investments/{city}/{quarter}} asks.
     */
    public static String cityQuarterSector(String city, String quarter, String sector) {
        return scopeQuarter(city, quarter) + SEPARATOR + sector;
    }

    /** {@code scope|quarter}: {@code fdi.services-share}, {@code fdi.capital-mix}, the quarter totals of a scope. */
    public static String scopeQuarter(String scope, String quarter) {
        return scope + SEPARATOR + quarter;
    }

    /** {@code scope|focusArea}: {@code pilot.progress}; the focus area {@code ALL} is the scope's overall figure. */
    public static String scopeFocusArea(String scope, String focusArea) {
        return scope + SEPARATOR + focusArea;
    }

    /** {@code city|measureId}: the key of {@code pilot.measure-updates} and of the R5 ledger. */
    public static String cityMeasure(String city, String measureId) {
        return city + SEPARATOR + measureId;
    }

    /** {@code rule|scope|quarter}: {@code fdi.alerts}. */
    public static String alert(String rule, String scope, String quarter) {
        return rule + SEPARATOR + scope + SEPARATOR + quarter;
    }

    /**
     * {@code scope|sector|quarter|investorType|green}: a ledger task's partial sum of one kind of capital in one cell
     * (R8), before it is sent to the scope's rollup.
     */
    public static String capitalCell(String scope, String sector, String quarter, String investorType, boolean green) {
        return sectorCell(scope, sector, quarter) + SEPARATOR + investorType + SEPARATOR + green;
    }

    /**
     * {@code scope|quarter|rule}: an alert's state in the rollup's store, scope first like every key the rollups keep,
     * so that one prefix scan finds a scope's (and a quarter's) alerts.
     */
    public static String alertState(String scope, String quarter, String rule) {
        return scopeQuarter(scope, quarter) + SEPARATOR + rule;
    }

    /**
     * {@code CUR|validFrom}: a rate in the job's rate book.
     *
     * @param sortableValidFrom the instant written so that string order is time order
     */
    public static String rate(String currency, String sortableValidFrom) {
        return currency + SEPARATOR + sortableValidFrom;
    }

    /**
     * The parts joined and followed by {@code |}: what every key that begins with them starts with, for a prefix scan
     * ({@code scope|} finds a scope's records, {@code city|quarter|} a city's sector cells of one quarter). The
     * separator at the end keeps a scan for one city from finding the records of another whose code starts with it.
     */
    public static String prefix(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts) + SEPARATOR;
    }

    /**
     * The parts of a key built here, in order: {@code [city, sector, quarter]}, {@code [city, quarter, sector]},
     * {@code [scope, quarter]}, {@code [scope, focusArea]}, {@code [rule, scope, quarter]}. (A {@code city|measureId}
     * key is never taken apart: its measureId may hold a {@code |}.)
     */
    public static String[] parts(String key) {
        return key.split(SEPARATOR_PATTERN, -1);
    }

    /** The first part of a key (the whole key if it has one part): the scope of a figure, the city of a measure. */
    public static String scopeOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }
}
