package org.rnnkit.recipes.forecast;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.recipes.Recipes;

/**
 * The columns a forecaster reads from its CSV, and what it does with missing values: part of {@link
 * ForecastOptions}. Immutable and validated; {@link ForecastColumnsBuilder} (generated) builds them
 * and the {@code withX} methods copy them with one change.
 *
 * @param timeColumn the time column's name, or {@code null} for the first column
 * @param targets the forecast columns; empty for the last column
 * @param covariates extra input columns (known up to the forecast origin); {@code ["all"]} for
 *     every other column
 * @param fill what to do with missing values: error (NONE), forward fill or interpolate
 */
@RecordBuilder
public record ForecastColumns(
        String timeColumn, List<String> targets, List<String> covariates, FillMethod fill)
        implements ForecastColumnsBuilder.With {

    /**
     * Validates the settings and copies the lists.
     *
     * @throws IllegalArgumentException when a column is both a target and a covariate
     * @throws NullPointerException when a list, a column name or {@code fill} is null
     */
    public ForecastColumns {
        targets = List.copyOf(targets);
        covariates = List.copyOf(covariates);
        Objects.requireNonNull(fill, "fill");
        for (String c : covariates) {
            Recipes.require(
                    !targets.contains(c), "column '" + c + "' is both a target and a covariate");
        }
    }

    /**
     * Returns the defaults: the first column is the time, the last one the target, no covariates,
     * and a missing value is an error.
     *
     * @return the defaults
     */
    public static ForecastColumns defaults() {
        return new ForecastColumns(null, List.of(), List.of(), FillMethod.NONE);
    }

    /**
     * Returns whether the covariates are every column but the targets ({@code ["all"]}).
     *
     * @return whether {@code covariates} is the single word {@code all}, in any case
     */
    boolean allOtherCovariates() {
        return covariates.size() == 1 && covariates.get(0).equalsIgnoreCase("all");
    }
}
