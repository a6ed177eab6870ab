package org.rnnkit.recipes.translate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.ParallelPair;

/**
 * The embedded default data of the translation recipe: English dates in many written forms, to be
 * translated into ISO 8601 (the date-normalisation task of the attention exercise in Ng's "Sequence
 * Models" course). For example
 *
 * <pre>
 * the third of march two thousand and seven   -&gt;  2 0 0 7 - 0 3 - 0 3
 * march 3rd, 2007                             -&gt;  2 0 0 7 - 0 3 - 0 3
 * saturday, march 3, 2007                     -&gt;  2 0 0 7 - 0 3 - 0 3
 * </pre>
 *
 * <p>The target is written as space-separated characters, so its vocabulary is the ten digits and
 * {@code -}. The task needs what a plain encoder-decoder finds hard and attention (Bahdanau et al.,
 * 2015) makes easy: reordering (the year, last in the source, comes first), length change (one
 * source word "third" becomes two target characters {@code 0 3}) and copying digits across the
 * sequence. Sources are lower case, words separated by single spaces, with commas after weekdays
 * and before numeric years; weekdays are the true ones.
 *
 * <p>Dates are uniform over the valid days of the years {@value #MIN_YEAR} to {@value #MAX_YEAR};
 * each pair picks one of eight written forms. Seeded: the same size and seed give the same pairs.
 */
public final class TranslateDataGenerator {

    /** The seed of the embedded data set. */
    public static final long DEFAULT_SEED = 20_261_122L;

    /** Pairs in the embedded data set. */
    public static final int DEFAULT_SIZE = 6000;

    /** The earliest year generated. */
    public static final int MIN_YEAR = 1900;

    /** The latest year generated. */
    public static final int MAX_YEAR = 2099;

    /** The number of written forms a date is drawn in. */
    static final int FORMS = 8;

    private static final String[] ONES = {
        "",
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
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final String[] ORDINAL_ONES = {
        "",
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
        "nineteenth"
    };

    private TranslateDataGenerator() {}

    /**
     * Returns the embedded data set.
     *
     * @return {@link #DEFAULT_SIZE} pairs generated with {@link #DEFAULT_SEED}
     */
    public static List<ParallelPair> defaultDataset() {
        return generate(DEFAULT_SIZE, DEFAULT_SEED);
    }

    /**
     * Generates date pairs.
     *
     * @param size the number of pairs, at least 1
     * @param seed the random seed
     * @return the pairs; pair {@code i} has line number {@code i + 1}, as in the file written by
     *     {@link #write}
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static List<ParallelPair> generate(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, received: size=" + size);
        }
        Random r = new Random(seed);
        long first = LocalDate.of(MIN_YEAR, 1, 1).toEpochDay();
        long days = LocalDate.of(MAX_YEAR + 1, 1, 1).toEpochDay() - first;
        List<ParallelPair> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            LocalDate date = LocalDate.ofEpochDay(first + (long) r.nextInt((int) days));
            String source = describe(date, r.nextInt(FORMS), r);
            out.add(new ParallelPair(source, isoTarget(date), i + 1));
        }
        return out;
    }

    /**
     * Generates date pairs and writes them as {@code source<TAB>target} lines (UTF-8, {@code \n}
     * line ends), atomically: readers see the old file or the complete new one. {@link
     * org.rnnkit.data.ParallelTextReader} reads the file back.
     *
     * @param file the file to create or replace; missing parent directories are created
     * @param size the number of pairs, at least 1
     * @param seed the random seed
     * @return the pairs written, in file order
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static List<ParallelPair> write(Path file, int size, long seed) throws IOException {
        Objects.requireNonNull(file, "file");
        List<ParallelPair> pairs = generate(size, seed);
        StringBuilder sb = new StringBuilder(size * 48);
        for (ParallelPair p : pairs) {
            sb.append(p.source()).append('\t').append(p.target()).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return pairs;
    }

    /**
     * Returns the target side for a date: its ISO 8601 form as space-separated characters.
     *
     * @param date the date
     * @return for example {@code "2 0 0 7 - 0 3 - 0 3"} for 3 March 2007
     */
    public static String isoTarget(LocalDate date) {
        String iso = date.toString();
        StringBuilder sb = new StringBuilder(iso.length() * 2);
        for (int i = 0; i < iso.length(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(iso.charAt(i));
        }
        return sb.toString();
    }

    /** Writes the date in one of the {@link #FORMS} forms; {@code r} picks word variants. */
    private static String describe(LocalDate date, int form, Random r) {
        int day = date.getDayOfMonth();
        int year = date.getYear();
        String month = date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        month = month.toLowerCase(Locale.ROOT);
        String weekday =
                date.getDayOfWeek()
                        .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT);
        return switch (form) {
            case 0 -> "the " + ordinalWords(day) + " of " + month + " " + yearWords(year, r);
            case 1 -> month + " " + ordinalNumeral(day) + ", " + year;
            case 2 -> day + " " + month + " " + year;
            case 3 -> weekday + ", " + month + " " + day + ", " + year;
            case 4 -> month + " the " + ordinalWords(day) + ", " + yearWords(year, r);
            case 5 -> ordinalNumeral(day) + " of " + month + " " + year;
            case 6 -> weekday + " the " + ordinalWords(day) + " of " + month + " " + year;
            default -> month.substring(0, 3) + " " + day + " " + year;
        };
    }

    /** One to ninety-nine in words: "seven", "twenty one". */
    private static String cardinalWords(int n) {
        if (n < 20) {
            return ONES[n];
        }
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + " " + ONES[n % 10];
    }

    /** A day of the month as an ordinal in words: "third", "twenty first", "thirtieth". */
    private static String ordinalWords(int n) {
        if (n < 20) {
            return ORDINAL_ONES[n];
        }
        if (n % 10 == 0) {
            return TENS[n / 10].substring(0, TENS[n / 10].length() - 1) + "ieth";
        }
        return TENS[n / 10] + " " + ORDINAL_ONES[n % 10];
    }

    /** A day of the month as a numeral with its suffix: "1st", "22nd", "13th". */
    private static String ordinalNumeral(int n) {
        String suffix;
        if (n % 100 >= 11 && n % 100 <= 13) {
            suffix = "th";
        } else {
            suffix =
                    switch (n % 10) {
                        case 1 -> "st";
                        case 2 -> "nd";
                        case 3 -> "rd";
                        default -> "th";
                    };
        }
        return n + suffix;
    }

    /**
     * A year as spoken: "nineteen hundred", "nineteen oh five", "nineteen ninety nine", "two
     * thousand", "two thousand (and) seven", and for 2010 on either "twenty fourteen" or "two
     * thousand (and) fourteen".
     */
    private static String yearWords(int year, Random r) {
        int rest = year % 100;
        if (year < 2000) {
            if (rest == 0) {
                return "nineteen hundred";
            }
            return rest < 10 ? "nineteen oh " + ONES[rest] : "nineteen " + cardinalWords(rest);
        }
        if (rest == 0) {
            return "two thousand";
        }
        if (rest >= 10 && r.nextBoolean()) {
            return "twenty " + cardinalWords(rest);
        }
        return "two thousand " + (r.nextBoolean() ? "and " : "") + cardinalWords(rest);
    }
}
