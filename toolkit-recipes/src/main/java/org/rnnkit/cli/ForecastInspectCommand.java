package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.util.List;
import org.rnnkit.recipes.forecast.ForecastColumnsBuilder;
import org.rnnkit.recipes.forecast.ForecastInspector;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.inspect.InspectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast inspect}: the series {@code forecast train} would read. */
@Command(name = "inspect")
final class ForecastInspectCommand extends InspectCommand {

    @Option(names = "--time-column", paramLabel = "NAME")
    String timeColumn;

    @Option(names = "--target", split = ",", paramLabel = "NAME")
    List<String> targets;

    @Option(names = "--covariates", split = ",", paramLabel = "NAME")
    List<String> covariates;

    @Option(names = "--fill", paramLabel = "none|forward|interpolate")
    String fill;

    @Override
    InspectionReport inspect() throws IOException {
        refuseTableFlags("forecast");
        refuse(dev != null, "forecast inspect does not take --dev: the series is split by time");
        ForecastOptions defaults = ForecastOptions.defaults();
        ForecastColumnsBuilder c = ForecastColumnsBuilder.builder(defaults.columns());
        set(timeColumn, c::timeColumn);
        set(targets, c::targets);
        set(covariates, c::covariates);
        set(fill == null ? null : ForecastFlags.parseFill(fill), c::fill);
        return ForecastInspector.inspect(
                defaults.withTraining(training(defaults.training())).withColumns(c.build()));
    }
}
