package org.fdipulse.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Cities, sectors and focus areas (contract section 1), loaded once from the files shipped in the jar, or from the
 * files named by {@code fdi.reference.cities}, {@code fdi.reference.sectors} and {@code fdi.reference.focus-areas}.
 * Lookups take input as it arrives: city and sector are trimmed and case-insensitive, focus areas are exact.
 */
public final class ReferenceData {

    public static final String CITIES_FILE = "fdi.reference.cities";
    public static final String SECTORS_FILE = "fdi.reference.sectors";
    public static final String FOCUS_AREAS_FILE = "fdi.reference.focus-areas";
    /** (v3, R11) The ISO 3166-1 alpha-2 codes a source economy may name, {@code code,name}. */
    public static final String ECONOMIES_FILE = "fdi.reference.economies";
    /** (v3, R11) The groups of economies, {@code group,code,from,to}. */
    public static final String ECONOMY_GROUPS_FILE = "fdi.reference.economy-groups";
    /** A quarter as the cities file writes treatedFrom. */
    private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");

    private final Map<String, City> cities;
    private final Map<String, Sector> sectors;
    private final Set<String> focusAreas;
    private final Map<String, String> economies;
    private final List<EconomyMembership> memberships;
    /** The rows of each economy, so that an event's groups are found among its economy's few rows. */
    private final Map<String, List<EconomyMembership>> membershipsByCode;
    private final List<String> groups;

    public ReferenceData(Map<String, City> cities, Map<String, Sector> sectors, Set<String> focusAreas,
                         Map<String, String> economies, List<EconomyMembership> memberships) {
        this.cities = Collections.unmodifiableMap(new LinkedHashMap<>(cities));
        this.sectors = Collections.unmodifiableMap(new LinkedHashMap<>(sectors));
        this.focusAreas = Collections.unmodifiableSet(new LinkedHashSet<>(focusAreas));
        this.economies = Collections.unmodifiableMap(new LinkedHashMap<>(economies));
        this.memberships = List.copyOf(memberships);
        this.membershipsByCode = this.memberships.stream().collect(Collectors.groupingBy(EconomyMembership::code));
        this.groups = this.memberships.stream().map(EconomyMembership::group).distinct().toList();
    }

    /** The shipped reference data, unless the properties name other files. */
    public static ReferenceData load(Properties props) {
        Map<String, String> economies = parseEconomies(lines(props.getProperty(ECONOMIES_FILE), "reference/economies.csv"));
        return new ReferenceData(
                parseCities(lines(props.getProperty(CITIES_FILE), "reference/cities.csv")),
                parseSectors(lines(props.getProperty(SECTORS_FILE), "reference/sectors.csv")),
                new LinkedHashSet<>(lines(props.getProperty(FOCUS_AREAS_FILE), "reference/focus-areas.txt").stream()
                        .map(Line::text).toList()),
                economies,
                parseGroups(lines(props.getProperty(ECONOMY_GROUPS_FILE), "reference/economy-groups.csv"), economies));
    }

    public Optional<City> city(String input) {
        return Optional.ofNullable(cities.get(Normalized.city(input)));
    }

    public Optional<Sector> sector(String input) {
        return Optional.ofNullable(sectors.get(Normalized.sector(input)));
    }

    public boolean isFocusArea(String input) {
        return focusAreas.contains(input);
    }

    /** Whether a (normalised) sector letter is a services sector; unknown letters are not. */
    public boolean isServices(String sectorLetter) {
        Sector sector = sectors.get(sectorLetter);
        return sector != null && sector.services();
    }

    public Set<String> cityCodes() {
        return cities.keySet();
    }

    /** The sector letters, in the sector file's order. */
    public List<String> sectorLetters() {
        return List.copyOf(sectors.keySet());
    }

    public Set<String> focusAreas() {
        return focusAreas;
    }

    /** (R11) The economy an input names (trimmed, case-insensitive), when it is one of the file's codes. */
    public Optional<String> economy(String input) {
        String code = Normalized.currency(input);
        return economies.containsKey(code) ? Optional.of(code) : Optional.empty();
    }

    /** (R11) Every economy code with its name, in the file's order. */
    public Map<String, String> economies() {
        return economies;
    }

    /** (R11) The groups, in the order of their first row. */
    public List<String> economyGroups() {
        return groups;
    }

    /** (R11) Whether {@code code} is in {@code group} on {@code day} (overlapping rows count once). */
    public boolean isMember(String group, String code, LocalDate day) {
        return memberships.stream().anyMatch(m -> m.group().equals(group) && m.code().equals(code) && m.holdsOn(day));
    }

    /** (R11) The groups {@code code} is in on {@code day}, in the order of {@link #economyGroups()}, each once. */
    public List<String> groupsOf(String code, LocalDate day) {
        List<EconomyMembership> rows = membershipsByCode.getOrDefault(code, List.of());
        if (rows.isEmpty()) {
            return List.of();
        }
        return groups.stream().filter(group -> rows.stream()
                .anyMatch(m -> m.group().equals(group) && m.holdsOn(day))).toList();
    }

    /**
     * {@code code,cohort,province[,treatedFrom]}: a file of three columns still loads, its cities never treated. A
     * treatedFrom that is not a quarter, on a city outside the pilot (it would never be treated), or missing on a pilot
     * city of a four-column file (its cohort would have no treated city) is refused, naming the file, line and field.
     */
    private static Map<String, City> parseCities(List<Line> rows) {
        Map<String, City> cities = new LinkedHashMap<>();
        boolean withTreatedFrom = rows.stream().anyMatch(r -> r.text().startsWith("code,") && r.text().contains("treatedFrom"));
        for (Line row : skipHeader(rows, "code,")) {
            String[] f = row.text().split(",", -1);
            String code = Normalized.city(f[0]);
            String cohort = f.length > 1 ? f[1].trim() : "";
            String province = f.length > 2 ? f[2].trim() : "";
            String treatedFrom = f.length > 3 ? f[3].trim() : "";
            if (!cohort.isEmpty() && !cohort.matches("\\d{4}")) {
                throw row.refused("cohort", cohort, "is not a year; write the year the city's cohort joined, e.g. 2021");
            }
            if (!treatedFrom.isEmpty() && !QUARTER.matcher(treatedFrom).matches()) {
                throw row.refused("treatedFrom", treatedFrom, "is not a quarter; write YYYY-Qn, e.g. 2021-Q2");
            }
            if (!treatedFrom.isEmpty() && cohort.isEmpty()) {
                throw row.refused("treatedFrom", treatedFrom, "is on " + code + ", a city outside the pilot, which is never "
                        + "treated; leave the field empty, or give the city its cohort");
            }
            if (treatedFrom.isEmpty() && !cohort.isEmpty() && withTreatedFrom) {
                throw row.refused("treatedFrom", "", "is missing on " + code + " of cohort " + cohort + ", whose cohort would "
                        + "then have no treated city; write the first quarter its pilot measures applied, e.g. 2021-Q2");
            }
            cities.put(code, new City(code, cohort.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cohort)),
                    province, treatedFrom.isEmpty() ? Optional.empty() : Optional.of(treatedFrom)));
        }
        return cities;
    }

    /** {@code code,name}: two letters A-Z each, names quoted when they hold a comma. */
    private static Map<String, String> parseEconomies(List<Line> rows) {
        Map<String, String> economies = new LinkedHashMap<>();
        for (Line row : skipHeader(rows, "code,")) {
            List<String> f = csvFields(row.text());
            String code = f.get(0).trim();
            if (!code.matches("[A-Z]{2}")) {
                throw row.refused("code", code, "is not an ISO 3166-1 alpha-2 code; write two capital letters, e.g. HK");
            }
            economies.put(code, f.size() > 1 ? f.get(1).trim() : code);
        }
        return economies;
    }

    /** {@code group,code,from,to}: each code one of the economies, dates {@code YYYY-MM-DD}, from before to. */
    private static List<EconomyMembership> parseGroups(List<Line> rows, Map<String, String> economies) {
        List<EconomyMembership> memberships = new ArrayList<>();
        for (Line row : skipHeader(rows, "group,")) {
            String[] f = row.text().split(",", -1);
            String group = f[0].trim();
            String code = f.length > 1 ? f[1].trim() : "";
            if (!group.matches("[A-Za-z0-9_\\-]+")) {
                throw row.refused("group", group, "is not a name of letters, digits, _ and -; e.g. BELT_AND_ROAD");
            }
            if (!economies.containsKey(code)) {
                throw row.refused("code", code, "is not an economy of the economies file; use its ISO 3166-1 alpha-2 code");
            }
            Optional<LocalDate> from = date(row, "from", f.length > 2 ? f[2].trim() : "");
            Optional<LocalDate> to = date(row, "to", f.length > 3 ? f[3].trim() : "");
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw row.refused("to", to.get().toString(), "is not after from " + from.get() + "; the membership would be empty");
            }
            memberships.add(new EconomyMembership(group, code, from, to));
        }
        return memberships;
    }

    private static Optional<LocalDate> date(Line row, String field, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw row.refused(field, text, "is not a date; write YYYY-MM-DD, e.g. 2025-10-26, or leave it empty for no bound");
        }
    }

    /** The fields of a CSV line: commas separate, double quotes enclose a field that holds commas ("" is a quote). */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static Map<String, Sector> parseSectors(List<Line> rows) {
        Map<String, Sector> sectors = new LinkedHashMap<>();
        for (Line line : skipHeader(rows, "letter,")) {
            String[] f = line.text().split(",", 3);
            String letter = Normalized.sector(f[0]);
            String name = f.length > 2 ? f[2].trim().replaceAll("^\"|\"$", "") : letter;
            sectors.put(letter, new Sector(letter, Boolean.parseBoolean(f[1].trim()), name));
        }
        return sectors;
    }

    private static List<Line> skipHeader(List<Line> rows, String headerStart) {
        return rows.stream().filter(r -> !r.text().startsWith(headerStart)).toList();
    }

    /** A line of a reference file, with its file and number for the errors that name them. */
    private record Line(String file, int number, String text) {

        IllegalArgumentException refused(String field, String value, String problem) {
            return new IllegalArgumentException("reference file " + file + ", line " + number + ": field " + field + " '"
                    + value + "' " + problem);
        }
    }

    /** Non-blank, non-comment lines of a file (when configured) or of a resource shipped in the jar. */
    private static List<Line> lines(String configuredFile, String resource) {
        try (InputStream in = configuredFile != null
                ? Files.newInputStream(Path.of(configuredFile))
                : ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference file " + resource + " is missing from the jar; rebuild it");
            }
            List<Line> out = new ArrayList<>();
            String file = configuredFile != null ? configuredFile : resource;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    out.add(new Line(file, number, trimmed));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file "
                    + (configuredFile != null ? configuredFile : resource) + ": " + e.getMessage(), e);
        }
    }
}
