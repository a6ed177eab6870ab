package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one implementation of sacreBLEU's segment preprocessing and n-gram counting behind {@link
 * Bleu} and {@link ChrF}: lowercasing, the mteval-v13a tokenizer of BLEU, the word splitting of
 * chrF++, and the counting of word and character n-grams.
 */
final class SacreBleuTokenizer {

    /** The ASCII punctuation that chrF++ splits off a word, Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /**
     * ASCII {@code { | } ~ [ \ ] ^ _ `}, space to {@code &}, {@code ( ) * +}, {@code :} to
     * {@code @}, and {@code /}.
     */
    private static final Pattern SYMBOL =
            Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])");

    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private SacreBleuTokenizer() {}

    /**
     * Lowercases a segment when case-insensitive scoring is wanted, as both metrics do first.
     *
     * @param segment a hypothesis or reference
     * @param lowercase whether to lowercase
     * @return the segment, lowercased when {@code lowercase} is {@code true}
     */
    static String caseFolded(String segment, boolean lowercase) {
        return lowercase ? PythonStrings.lower(segment) : segment;
    }

    /**
     * Applies the mteval-v13a tokenizer, as {@link Bleu.Tokenization#THIRTEEN_A} describes.
     *
     * @param line the text, not {@code null}
     * @return the tokens separated by single spaces
     */
    static String thirteenA(String line) {
        String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (text.indexOf('&') >= 0) {
            text =
                    text.replace("&quot;", "\"")
                            .replace("&amp;", "&")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">");
        }
        text = " " + text + " ";
        text = SYMBOL.matcher(text).replaceAll(" $1 ");
        text = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(text).replaceAll("$1 $2 ");
        text = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(text).replaceAll(" $1 $2");
        text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
        return String.join(" ", PythonStrings.split(text));
    }

    /**
     * Splits on whitespace, then splits one ASCII punctuation character off the end of each word of
     * two or more characters or, failing that, off its start ("(hi)" gives "(hi" and ")"), as the
     * reference chrF++ implementation does.
     *
     * @param text the segment
     * @return the words of chrF++
     */
    static List<String> chrFWords(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : PythonStrings.split(text)) {
            if (word.codePointCount(0, word.length()) == 1) {
                tokens.add(word);
            } else if (PUNCTUATION.indexOf(word.charAt(word.length() - 1)) >= 0) {
                tokens.add(word.substring(0, word.length() - 1));
                tokens.add(word.substring(word.length() - 1));
            } else if (PUNCTUATION.indexOf(word.charAt(0)) >= 0) {
                tokens.add(word.substring(0, 1));
                tokens.add(word.substring(1));
            } else {
                tokens.add(word);
            }
        }
        return tokens;
    }

    /**
     * Counts the word n-grams of orders 1 to {@code maxOrder}; an n-gram is its words joined by
     * single spaces, which is unambiguous as words never contain whitespace.
     *
     * @param words the words of a segment
     * @param maxOrder the highest order, {@code >= 0}
     * @return {@code [maxOrder]} maps from n-gram to count, index {@code n - 1} holding order n
     */
    static List<Map<String, Integer>> wordNgrams(List<String> words, int maxOrder) {
        return ngrams(
                words.size(),
                maxOrder,
                (start, n) -> String.join(" ", words.subList(start, start + n)));
    }

    /**
     * Counts the character n-grams of orders 1 to {@code maxOrder} over Unicode code points.
     *
     * @param text the characters of a segment
     * @param maxOrder the highest order, {@code >= 0}
     * @return {@code [maxOrder]} maps from n-gram to count, index {@code n - 1} holding order n
     */
    static List<Map<String, Integer>> charNgrams(String text, int maxOrder) {
        int[] codePoints = text.codePoints().toArray();
        return ngrams(codePoints.length, maxOrder, (start, n) -> new String(codePoints, start, n));
    }

    private static List<Map<String, Integer>> ngrams(int length, int maxOrder, Ngram ngram) {
        List<Map<String, Integer>> counts = new ArrayList<>(maxOrder);
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> orderCounts = new HashMap<>();
            for (int start = 0; start + n <= length; start++) {
                orderCounts.merge(ngram.at(start, n), 1, Integer::sum);
            }
            counts.add(orderCounts);
        }
        return counts;
    }

    /** The key of the n-gram of a segment's units (words or code points) at a position. */
    @FunctionalInterface
    private interface Ngram {
        String at(int start, int n);
    }
}
