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

/**
 * Cities, sectors and focus areas (contract section 1), loaded once from the files shipped in the jar, or from the
 * files named by {@code fdi.reference.cities}, {@code fdi.reference.sectors} and {@code fdi.reference.focus-areas}.
 * Lookups take input as it arrives: city and sector are trimmed and case-insensitive, focus areas are exact.
 */
public final class ReferenceData {

    public static final String CITIES_FILE = "fdi.reference.cities";
    public static final String SECTORS_FILE = "fdi.reference.sectors";
    public static final String FOCUS_AREAS_FILE = "fdi.reference.focus-areas";

    private final Map<String, City> cities;
    private final Map<String, Sector> sectors;
    private final Set<String> focusAreas;

    public ReferenceData(Map<String, City> cities, Map<String, Sector> sectors, Set<String> focusAreas) {
        this.cities = Collections.unmodifiableMap(new LinkedHashMap<>(cities));
        this.sectors = Collections.unmodifiableMap(new LinkedHashMap<>(sectors));
        this.focusAreas = Collections.unmodifiableSet(new LinkedHashSet<>(focusAreas));
    }

    /** The shipped reference data, unless the properties name other files. */
    public static ReferenceData load(Properties props) {
        return new ReferenceData(
                parseCities(lines(props.getProperty(CITIES_FILE), "reference/cities.csv")),
                parseSectors(lines(props.getProperty(SECTORS_FILE), "reference/sectors.csv")),
                new LinkedHashSet<>(lines(props.getProperty(FOCUS_AREAS_FILE), "reference/focus-areas.txt")));
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

    private static Map<String, City> parseCities(List<String> rows) {
        Map<String, City> cities = new LinkedHashMap<>();
        for (String row : skipHeader(rows, "code,")) {
            String[] f = row.split(",", 3);
            String code = Normalized.city(f[0]);
            String cohort = f.length > 1 ? f[1].trim() : "";
            String province = f.length > 2 ? f[2].trim() : "";
            cities.put(code, new City(code, cohort.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cohort)), province));
        }
        return cities;
    }

    private static Map<String, Sector> parseSectors(List<String> rows) {
        Map<String, Sector> sectors = new LinkedHashMap<>();
        for (String row : skipHeader(rows, "letter,")) {
            String[] f = row.split(",", 3);
            String letter = Normalized.sector(f[0]);
            String name = f.length > 2 ? f[2].trim().replaceAll("^\"|\"$", "") : letter;
            sectors.put(letter, new Sector(letter, Boolean.parseBoolean(f[1].trim()), name));
        }
        return sectors;
    }

    private static List<String> skipHeader(List<String> rows, String headerStart) {
        return rows.stream().filter(r -> !r.startsWith(headerStart)).toList();
    }

    /** Non-blank, non-comment lines of a file (when configured) or of a resource shipped in the jar. */
    private static List<String> lines(String configuredFile, String resource) {
        try (InputStream in = configuredFile != null
                ? Files.newInputStream(Path.of(configuredFile))
                : ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference file " + resource + " is missing from the jar; rebuild it");
            }
            List<String> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    out.add(trimmed);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file "
                    + (configuredFile != null ? configuredFile : resource) + ": " + e.getMessage(), e);
        }
    }
}
