package org.rnnkit.data;

import java.util.Objects;
import org.rnnkit.data.TimeSplit.Part;

/**
 * Forecast window arithmetic over a {@link TimeSplit}. A window with origin {@code o} has input
 * rows {@code [o - lookback, o)} and target rows {@code [o, o + horizon)}.
 *
 * <ul>
 *   <li>{@link Part#TRAIN}: inputs and targets both lie in the training part, so training never
 *       sees a dev or test value: {@code lookback <= o <= trainEnd - horizon}.
 *   <li>{@link Part#DEV} and {@link Part#TEST}: targets lie in the part, while inputs may reach
 *       back into earlier parts, which are known history at forecast time: {@code max(start,
 *       lookback) <= o <= end - horizon}. This is the protocol of the ETT benchmark (Zhou et al.,
 *       2021, "Informer", AAAI), whose test inputs start {@code lookback} rows before the test
 *       border; with stride 1 a part of {@code n} rows yields {@code n - horizon + 1} windows.
 * </ul>
 *
 * Origins start at the first valid one and advance by {@code stride}.
 */
public final class ForecastWindows {

    private ForecastWindows() {}

    /**
     * Lists the window origins of a part.
     *
     * @param split the split
     * @param part the part whose targets the windows cover
     * @param lookback the number of input rows, {@code > 0}
     * @param horizon the number of target rows, {@code > 0}
     * @param stride the distance between consecutive origins, {@code > 0}
     * @return the origins, increasing
     * @throws IllegalArgumentException when a size is not positive or the part has no window (the
     *     message names the part, its rows, the lookback and the horizon)
     */
    public static int[] origins(TimeSplit split, Part part, int lookback, int horizon, int stride) {
        int first = first(split, part, lookback, horizon, stride);
        int last = last(split, part, horizon);
        if (first > last) {
            throw new IllegalArgumentException(noWindow(split, part, lookback, horizon));
        }
        int[] out = new int[(last - first) / stride + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * stride;
        }
        return out;
    }

    /**
     * Counts the window origins of a part without listing them.
     *
     * @param split the split
     * @param part the part whose targets the windows cover
     * @param lookback the number of input rows, {@code > 0}
     * @param horizon the number of target rows, {@code > 0}
     * @param stride the distance between consecutive origins, {@code > 0}
     * @return {@code origins(...).length}, or 0 when the part has no window (for example an empty
     *     dev part)
     * @throws IllegalArgumentException when a size is not positive
     */
    public static int count(TimeSplit split, Part part, int lookback, int horizon, int stride) {
        int first = first(split, part, lookback, horizon, stride);
        int last = last(split, part, horizon);
        return first > last ? 0 : (last - first) / stride + 1;
    }

    private static int first(TimeSplit split, Part part, int lookback, int horizon, int stride) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(part, "part");
        Arguments.positive("lookback", lookback);
        Arguments.positive("horizon", horizon);
        Arguments.positive("stride", stride);
        return Math.max(split.start(part), lookback);
    }

    private static int last(TimeSplit split, Part part, int horizon) {
        return split.end(part) - horizon;
    }

    private static String noWindow(TimeSplit split, Part part, int lookback, int horizon) {
        String need =
                part == Part.TRAIN
                        ? "lookback + horizon <= " + split.rows(part)
                        : "horizon <= "
                                + split.rows(part)
                                + " and lookback + horizon <= "
                                + split.end(part);
        return part
                + " part has no forecast window: rows ["
                + split.start(part)
                + ", "
                + split.end(part)
                + ") ("
                + split.rows(part)
                + " rows), lookback="
                + lookback
                + ", horizon="
                + horizon
                + "; a window needs "
                + need;
    }
}
