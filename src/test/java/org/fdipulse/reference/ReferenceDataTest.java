package org.fdipulse.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reference data of contract section 1")
class ReferenceDataTest {

    private final ReferenceData shipped = ReferenceData.load(new Properties());

    @Test
    @DisplayName("20 pilot cities in four cohorts, plus 'other' which is not a pilot area")
    void cities() {
        assertEquals(21, shipped.cityCodes().size());
        assertEquals(2015, shipped.city("Beijing ").orElseThrow().cohort().getAsInt());
        assertEquals(2025, shipped.city("XIAN").orElseThrow().cohort().getAsInt());
        assertEquals("Liaoning", shipped.city("dalian").orElseThrow().province());
        assertFalse(shipped.city("other").orElseThrow().isPilotArea());
        long pilots = shipped.cityCodes().stream().filter(c -> shipped.city(c).orElseThrow().isPilotArea()).count();
        assertEquals(20, pilots);
        assertTrue(shipped.city("paris").isEmpty());
    }

    @Test
    @DisplayName("(v3) treatedFrom: each cohort's first quarter under the pilot; cities without a cohort never treated")
    void treatedFrom() {
        assertEquals("2015-Q2", shipped.city("beijing").orElseThrow().treatedFrom().orElseThrow());
        assertEquals("2021-Q2", shipped.city("hainan").orElseThrow().treatedFrom().orElseThrow());
        assertEquals("2023-Q1", shipped.city("chengdu").orElseThrow().treatedFrom().orElseThrow(), "approved 20 December 2022");
        assertEquals("2025-Q2", shipped.city("suzhou").orElseThrow().treatedFrom().orElseThrow());
        assertTrue(shipped.city("other").orElseThrow().treatedFrom().isEmpty());
    }

    @Test
    @DisplayName("(v3) a three-column cities file still loads, its cities never treated; comparison cities are added as rows")
    void citiesFiles(@TempDir Path dir) throws IOException {
        ReferenceData three = load(dir, "code,cohort,province", "beijing,2015,Beijing", "other,,");
        assertTrue(three.city("beijing").orElseThrow().treatedFrom().isEmpty());
        ReferenceData added = load(dir, "code,cohort,province,treatedFrom", "beijing,2015,Beijing,2015-Q2", "other,,,",
                "changsha,,Hunan,");
        assertTrue(added.city("changsha").orElseThrow().treatedFrom().isEmpty());
        assertFalse(added.city("changsha").orElseThrow().isPilotArea());
    }

    @Test
    @DisplayName("(v3) a bad treatedFrom is refused at start, naming the file, line and field, and the fix")
    void badTreatedFrom(@TempDir Path dir) throws IOException {
        assertEquals("reference file " + dir.resolve("cities.csv") + ", line 3: field treatedFrom '2015Q2' is not a quarter;"
                + " write YYYY-Qn, e.g. 2021-Q2", refusal(dir, "code,cohort,province,treatedFrom", "# comment", "beijing,2015,Beijing,2015Q2"));
        assertTrue(refusal(dir, "code,cohort,province,treatedFrom", "other,,,2021-Q2")
                .startsWith("reference file " + dir.resolve("cities.csv") + ", line 2: field treatedFrom '2021-Q2' is on other, "
                        + "a city outside the pilot, which is never treated"));
        assertTrue(refusal(dir, "code,cohort,province,treatedFrom", "beijing,2015,Beijing,", "other,,,")
                .contains("line 2: field treatedFrom '' is missing on beijing of cohort 2015"));
        assertTrue(refusal(dir, "code,cohort,province", "beijing,MMXV,Beijing").contains("line 2: field cohort 'MMXV' is not a year"));
    }

    private static ReferenceData load(Path dir, String... lines) throws IOException {
        Path cities = Files.write(dir.resolve("cities.csv"), List.of(lines));
        Properties props = new Properties();
        props.setProperty(ReferenceData.CITIES_FILE, cities.toString());
        return ReferenceData.load(props);
    }

    private static String refusal(Path dir, String... lines) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> load(dir, lines)).getMessage();
    }

    @Test
    @DisplayName("(v3, R11) the 249 ISO 3166-1 alpha-2 codes, case-insensitive; names quoted where they hold a comma")
    void economies() {
        assertEquals(249, shipped.economies().size());
        assertEquals("Hong Kong", shipped.economies().get("HK"));
        assertEquals("Bolivia, Plurinational State of", shipped.economies().get("BO"));
        assertEquals("CH", shipped.economy(" ch ").orElseThrow());
        assertTrue(shipped.economy("XX").isEmpty());
        assertTrue(shipped.economy("EU").isEmpty(), "a group is not an economy");
    }

    @Test
    @DisplayName("(v3, R11) the contract's groups, with Timor-Leste in ASEAN from 2025-10-26, Croatia in the EU from 2013-07-01 "
            + "and the United Kingdom until 2020-02-01")
    void economyGroups() {
        assertEquals(List.of("HONG_KONG_MACAO", "ASEAN", "EU"), shipped.economyGroups());
        assertTrue(shipped.isMember("HONG_KONG_MACAO", "MO", java.time.LocalDate.of(2000, 1, 1)));
        assertFalse(shipped.isMember("ASEAN", "TL", java.time.LocalDate.of(2025, 10, 25)));
        assertTrue(shipped.isMember("ASEAN", "TL", java.time.LocalDate.of(2025, 10, 26)));
        assertFalse(shipped.isMember("EU", "HR", java.time.LocalDate.of(2013, 6, 30)));
        assertTrue(shipped.isMember("EU", "HR", java.time.LocalDate.of(2013, 7, 1)));
        assertTrue(shipped.isMember("EU", "GB", java.time.LocalDate.of(2020, 1, 31)));
        assertFalse(shipped.isMember("EU", "GB", java.time.LocalDate.of(2020, 2, 1)));
        long eu2025 = shipped.economies().keySet().stream()
                .filter(c -> shipped.isMember("EU", c, java.time.LocalDate.of(2025, 6, 1))).count();
        assertEquals(27, eu2025, "the 27 members of 2025");
        long asean2024 = shipped.economies().keySet().stream()
                .filter(c -> shipped.isMember("ASEAN", c, java.time.LocalDate.of(2024, 6, 1))).count();
        assertEquals(10, asean2024);
    }

    @Test
    @DisplayName("(v3, R11) a user adds a group by adding rows; a bad row is refused naming the file, line and field")
    void userGroups(@TempDir Path dir) throws IOException {
        Path groups = Files.write(dir.resolve("groups.csv"), List.of("group,code,from,to", "BELT_AND_ROAD,KZ,2013-09-07,",
                "BELT_AND_ROAD,KZ,2014-01-01,"));
        Properties props = new Properties();
        props.setProperty(ReferenceData.ECONOMY_GROUPS_FILE, groups.toString());
        ReferenceData withBri = ReferenceData.load(props);
        assertEquals(List.of("BELT_AND_ROAD"), withBri.economyGroups());
        assertTrue(withBri.isMember("BELT_AND_ROAD", "KZ", java.time.LocalDate.of(2020, 1, 1)), "overlapping rows count once");
        for (List<String> bad : List.of(List.of("group,code,from,to", "BRI,XX,,"), List.of("group,code,from,to", "BRI,KZ,2013-9-7,"),
                List.of("group,code,from,to", "BRI,KZ,2020-01-01,2019-01-01"))) {
            Files.write(groups, bad);
            String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ReferenceData.load(props)).getMessage();
            assertTrue(message.startsWith("reference file " + groups + ", line 2: field "), message);
        }
    }

    @Test
    @DisplayName("sections A-T; F-T are services, A-E are not")
    void sectors() {
        for (char letter = 'A'; letter <= 'T'; letter++) {
            Sector sector = shipped.sector(String.valueOf(letter).toLowerCase()).orElseThrow();
            assertEquals(letter >= 'F', sector.services(), "section " + letter);
        }
        assertTrue(shipped.sector("U").isEmpty());
        assertEquals("Manufacturing", shipped.sector("C").orElseThrow().name());
    }

    @Test
    @DisplayName("the sector letters are the sector file's, in its order")
    void sectorLetters(@TempDir Path dir) throws IOException {
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"),
                shipped.sectorLetters());
        Path sectors = Files.write(dir.resolve("sectors.csv"), List.of("letter,services,name", "x,false,Mining", "F,true,Trade"));
        Properties props = new Properties();
        props.setProperty(ReferenceData.SECTORS_FILE, sectors.toString());
        assertEquals(List.of("X", "F"), ReferenceData.load(props).sectorLetters());
    }

    @Test
    @DisplayName("14 focus areas, matched exactly")
    void focusAreas() {
        assertEquals(14, shipped.focusAreas().size());
        assertTrue(shipped.isFocusArea("DATA_FLOWS"));
        assertFalse(shipped.isFocusArea("data_flows"));
    }

    @Test
    @DisplayName("a configured file replaces the shipped one")
    void overridable(@TempDir Path dir) throws IOException {
        Path areas = Files.write(dir.resolve("areas.txt"), List.of("# mine", "SPACE", "OCEANS"));
        Properties props = new Properties();
        props.setProperty(ReferenceData.FOCUS_AREAS_FILE, areas.toString());
        ReferenceData custom = ReferenceData.load(props);
        assertEquals(2, custom.focusAreas().size());
        assertTrue(custom.isFocusArea("SPACE"));
        assertEquals(21, custom.cityCodes().size(), "cities stay the shipped ones");
    }
}
