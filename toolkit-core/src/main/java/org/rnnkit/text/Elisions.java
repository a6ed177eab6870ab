package org.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits French elisions off the word they are attached to ({@code l'homme} becomes {@code l'} and
 * {@code homme}) and joins them back.
 *
 * <p>BLEU's 13a tokenization keeps {@code l'homme}, {@code j'ai}, {@code qu'il} as single tokens,
 * so a word vocabulary holds every elided form of every word separately and a translator meets many
 * of them as {@code <unk>}. Splitting the elided article, pronoun or conjunction off gives the
 * model one token for {@code homme} however it is introduced. Only these prefixes followed by an
 * apostrophe ({@code '} or {@code ’}) and a letter are split: {@code c d j l m n s t qu jusqu
 * lorsqu puisqu quoiqu presqu}, in any case; {@code aujourd'hui}, {@code quelqu'un} and English
 * contractions ({@code don't}, {@code I'm}) stay whole. {@link #join} undoes the split exactly.
 */
public final class Elisions {

    private static final Set<String> PREFIXES =
            Set.of(
                    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu",
                    "quoiqu", "presqu");

    private Elisions() {}

    /**
     * Splits elided prefixes off the tokens.
     *
     * @param tokens tokens, for example from {@link org.rnnkit.eval.Bleu#tokenize}
     * @return the tokens with each elision as a token of its own (apostrophe kept on the prefix)
     */
    public static List<String> split(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        List<String> out = new ArrayList<>(tokens.size() + 4);
        for (String token : tokens) {
            String rest = token;
            int cut;
            while ((cut = elisionEnd(rest)) > 0) {
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            out.add(rest);
        }
        return out;
    }

    /**
     * Joins tokens with spaces, except after an elided prefix that {@link #split} made.
     *
     * @param tokens tokens
     * @return the text
     */
    public static String join(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            boolean glued =
                    i > 0 && isElision(tokens.get(i - 1)) && startsWithLetter(tokens.get(i));
            if (i > 0 && !glued) {
                text.append(' ');
            }
            text.append(tokens.get(i));
        }
        return text.toString();
    }

    /**
     * Whether a token is an elided prefix with its apostrophe, such as {@code l'} or {@code Qu’}.
     *
     * @param token a token
     * @return whether {@link #split} can produce it
     */
    public static boolean isElision(String token) {
        int n = token.length();
        return n >= 2
                && isApostrophe(token.charAt(n - 1))
                && PREFIXES.contains(token.substring(0, n - 1).toLowerCase(Locale.ROOT));
    }

    /** The length of the elided prefix (apostrophe included) that starts the token, or 0. */
    private static int elisionEnd(String token) {
        for (int i = 1; i < token.length() - 1 && i <= 6; i++) {
            if (isApostrophe(token.charAt(i))) {
                String prefix = token.substring(0, i + 1);
                return isElision(prefix) && startsWithLetter(token.substring(i + 1)) ? i + 1 : 0;
            }
        }
        return 0;
    }

    private static boolean startsWithLetter(String token) {
        return !token.isEmpty() && Character.isLetter(token.codePointAt(0));
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }
}
