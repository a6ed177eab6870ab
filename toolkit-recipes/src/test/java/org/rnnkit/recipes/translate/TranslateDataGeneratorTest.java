package org.rnnkit.recipes.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.ParallelPair;
import org.rnnkit.data.ParallelTextReader;

class TranslateDataGeneratorTest {

    @TempDir Path dir;

    private static final Pattern TARGET = Pattern.compile("\\d \\d \\d \\d - \\d \\d - \\d \\d");
    private static final Pattern DAY_NUMERAL = Pattern.compile("(\\d{1,2})(st|nd|rd|th)?");
    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Set<String> WEEKDAYS = new HashSet<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    private static final Map<String, Integer> ORDINALS = new HashMap<>();

    static {
        for (int m = 1; m <= 12; m++) {
            String name =
                    java.time.Month.of(m)
                            .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            .toLowerCase(Locale.ROOT);
            MONTHS.put(name, m);
            MONTHS.put(name.substring(0, 3), m);
        }
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            WEEKDAYS.add(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT));
        }
        String[] ones = {
            "oh",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen"
        };
        for (int i = 0; i < ones.length; i++) {
            NUMBERS.put(ones[i], i);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"};
        for (int i = 0; i < tens.length; i++) {
            NUMBERS.put(tens[i], 20 + 10 * i);
        }
        NUMBERS.put("ninety", 90);
        String[] ordinals = {
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth"
        };
        for (int i = 0; i < ordinals.length; i++) {
            ORDINALS.put(ordinals[i], i + 1);
        }
        ORDINALS.put("thirtieth", 30);
    }

    /** Sums number words: "twenty one" is 21 (the words of a day or of a two-digit year part). */
    private static int sum(List<String> words) {
        int n = 0;
        for (String w : words) {
            Integer v = NUMBERS.get(w);
            if (v == null) {
                throw new AssertionError("not a number word: " + w + " in " + words);
            }
            n += v;
        }
        return n;
    }

    /** Reads a spoken year: "nineteen oh five", "two thousand and seven", "twenty fourteen". */
    private static int yearFromWords(List<String> words) {
        int thousand = words.indexOf("thousand");
        if (thousand >= 0) {
            List<String> rest = new ArrayList<>(words.subList(thousand + 1, words.size()));
            rest.remove("and");
            return 1000 * sum(words.subList(0, thousand)) + sum(rest);
        }
        int century = NUMBERS.get(words.get(0));
        List<String> rest = words.subList(1, words.size());
        return century * 100 + (rest.equals(List.of("hundred")) ? 0 : sum(rest));
    }

    /**
     * An independent reader of the generated sources: month by name, weekday checked, day as a
     * numeral or ordinal words, year as four digits or words.
     */
    private static LocalDate parse(String source) {
        int month = 0;
        int day = 0;
        int year = 0;
        String weekday = null;
        List<String> words = new ArrayList<>();
        for (String token : source.replace(",", " ").trim().split("\\s+")) {
            if (MONTHS.containsKey(token)) {
                month = MONTHS.get(token);
            } else if (WEEKDAYS.contains(token)) {
                weekday = token;
            } else if (token.equals("the") || token.equals("of")) {
                continue;
            } else if (token.matches("\\d{4}")) {
                year = Integer.parseInt(token);
            } else if (DAY_NUMERAL.matcher(token).matches()) {
                day = Integer.parseInt(token.replaceAll("\\D", ""));
            } else if (ORDINALS.containsKey(token)) {
                day = sum(words) + ORDINALS.get(token);
                words.clear();
            } else {
                words.add(token);
            }
        }
        if (!words.isEmpty()) {
            year = yearFromWords(words);
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (weekday != null) {
            assertEquals(
                    date.getDayOfWeek()
                            .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            .toLowerCase(Locale.ROOT),
                    weekday,
                    source);
        }
        return date;
    }

    @Test
    void givenHandPickedSources_whenParsedByTheTestReader_thenReaderIsRight() {
        assertEquals(LocalDate.of(2007, 3, 3), parse("the third of march two thousand and seven"));
        assertEquals(LocalDate.of(2007, 3, 3), parse("march 3rd, 2007"));
        assertEquals(
                LocalDate.of(1905, 12, 21), parse("december the twenty first, nineteen oh five"));
        assertEquals(LocalDate.of(2014, 5, 30), parse("friday the thirtieth of may 2014"));
        assertEquals(LocalDate.of(1900, 1, 20), parse("the twentieth of january nineteen hundred"));
        assertEquals(LocalDate.of(2014, 2, 1), parse("the first of february twenty fourteen"));
    }

    @Test
    void givenGeneratedPairs_whenSourceParsed_thenTargetIsTheIsoDateSpelledOut() {
        for (ParallelPair p : TranslateDataGenerator.generate(2000, 5)) {
            assertTrue(TARGET.matcher(p.target()).matches(), p.target());
            LocalDate date = parse(p.source());
            assertEquals(TranslateDataGenerator.isoTarget(date), p.target(), p.source());
            assertTrue(date.getYear() >= 1900 && date.getYear() <= 2099, p.source());
        }
    }

    @Test
    void givenIsoTarget_whenFormatted_thenCharactersSeparatedBySpaces() {
        assertEquals(
                "2 0 0 7 - 0 3 - 0 3", TranslateDataGenerator.isoTarget(LocalDate.of(2007, 3, 3)));
    }

    @Test
    void givenSameSeed_whenGenerated_thenSamePairsAndOtherSeedDiffers() {
        List<ParallelPair> a = TranslateDataGenerator.generate(300, 11);
        assertEquals(a, TranslateDataGenerator.generate(300, 11));
        assertNotEquals(a, TranslateDataGenerator.generate(300, 12));
        assertEquals(1, a.get(0).line());
        assertEquals(300, a.get(299).line());
    }

    @Test
    void givenDefaultDataset_whenGenerated_thenEveryFormAndBothCenturiesOccur() {
        List<ParallelPair> pairs = TranslateDataGenerator.defaultDataset();
        assertEquals(TranslateDataGenerator.DEFAULT_SIZE, pairs.size());
        Set<String> seen = new HashSet<>();
        for (ParallelPair p : pairs) {
            String s = p.source();
            if (s.startsWith("the ")) {
                seen.add("ordinal words first");
            }
            if (s.contains(" thousand")) {
                seen.add("year 2000s in words");
            }
            if (s.contains("nineteen ") && !s.matches(".*\\d{4}$")) {
                seen.add("year 1900s in words");
            }
            if (s.matches("[a-z]+day, .*")) {
                seen.add("weekday with comma");
            }
            if (s.matches("[a-z]{3} \\d{1,2} \\d{4}")) {
                seen.add("abbreviated month");
            }
            if (s.matches("\\d{1,2} [a-z]+ \\d{4}")) {
                seen.add("day month year");
            }
        }
        assertEquals(6, seen.size(), seen.toString());
    }

    @Test
    void givenWrittenFile_whenReadBack_thenSamePairs() throws IOException {
        Path file = dir.resolve("data/dates.tsv");
        List<ParallelPair> written = TranslateDataGenerator.write(file, 50, 3);
        assertEquals(written, ParallelTextReader.readAll(file, false));
        assertEquals(TranslateDataGenerator.generate(50, 3), written);
    }

    @Test
    void givenNonPositiveSize_whenGenerated_thenIllegalArgument() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TranslateDataGenerator.generate(0, 1));
        assertEquals("size must be >= 1, received: size=0", e.getMessage());
    }
}
