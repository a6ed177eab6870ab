package org.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Lower-cases text, removes HTML line breaks ({@code <br />}, as in the IMDB reviews) and splits it
 * into words and punctuation marks.
 *
 * <p>A token is a run of letters or digits, optionally joined by an apostrophe ({@code don't} stays
 * one token) or an inner hyphen ({@code well-made}), or a single punctuation character. Whitespace
 * is dropped. So {@code "Not bad.<br /><br />Really!"} becomes {@code [not, bad, ., really, !]}.
 */
public final class StandardTokenizer implements Tokenizer {

    /** The shared instance; the class holds no state. */
    static final StandardTokenizer INSTANCE = new StandardTokenizer();

    private static final Pattern HTML_BREAK =
            Pattern.compile("<\\s*br\\s*/?\\s*>", Pattern.CASE_INSENSITIVE);

    private StandardTokenizer() {}

    /** {@inheritDoc} */
    @Override
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        String clean = HTML_BREAK.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int n = clean.length();
        int i = 0;
        while (i < n) {
            int cp = clean.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += Character.charCount(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                int start = i;
                i += Character.charCount(cp);
                while (i < n) {
                    int c = clean.codePointAt(i);
                    if (Character.isLetterOrDigit(c)) {
                        i += Character.charCount(c);
                    } else if ((c == '\'' || c == '-' || c == '\u2019')
                            && i + 1 < n
                            && Character.isLetterOrDigit(clean.codePointAt(i + 1))) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                tokens.add(clean.substring(start, i));
            } else {
                int len = Character.charCount(cp);
                tokens.add(clean.substring(i, i + len));
                i += len;
            }
        }
        return tokens;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "StandardTokenizer";
    }
}
