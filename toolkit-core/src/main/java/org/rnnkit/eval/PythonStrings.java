package org.rnnkit.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations that sacreBLEU's metrics depend on, reproduced so that
 * {@link Bleu} and {@link ChrF} split, strip and print text exactly as sacreBLEU does.
 *
 * <p>Python's notion of whitespace ({@code str.isspace}) is wider than {@link
 * Character#isWhitespace(int)}: it also covers the no-break spaces U+00A0, U+2007 and U+202F and
 * the next-line character U+0085. A word that contains a no-break space is two words to sacreBLEU,
 * so it must be two words here too.
 */
final class PythonStrings {

    private PythonStrings() {}

    /**
     * Returns whether a code point is whitespace in Python's sense.
     *
     * @param codePoint the code point
     * @return {@code true} when Python's {@code str.isspace} is true for it
     */
    static boolean isWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint)
                || codePoint == 0x85
                || codePoint == 0xA0
                || codePoint == 0x2007
                || codePoint == 0x202F;
    }

    /**
     * Splits a string on runs of whitespace, dropping leading and trailing whitespace, like
     * Python's {@code str.split()} without arguments.
     *
     * @param text the string
     * @return the words, empty when the string is blank
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            // Every Python whitespace character is in the BMP, so no surrogate is whitespace.
            if (isWhitespace(text.charAt(i))) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /**
     * Removes trailing whitespace, like Python's {@code str.rstrip()} without arguments.
     *
     * @param text the string
     * @return the string without trailing whitespace
     */
    static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Lowercases a string independently of the default locale, as Python's {@code str.lower()}
     * does.
     *
     * @param text the string
     * @return the lowercased string
     */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Formats a number with a fixed number of decimals like Python's {@code f"{x:.Nf}"}: the exact
     * binary value is rounded half to even, so {@code 0.125} prints as {@code 0.12}.
     *
     * @param value a finite number
     * @param decimals the number of decimals
     * @return the formatted number
     */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "nan" : (value > 0 ? "inf" : "-inf");
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
