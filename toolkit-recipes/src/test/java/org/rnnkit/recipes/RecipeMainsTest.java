package org.rnnkit.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.exercises.BidirectionalContext;
import org.rnnkit.exercises.ComponentSizes;
import org.rnnkit.exercises.GateEquations;
import org.rnnkit.exercises.GradientFlow;
import org.rnnkit.exercises.ImageCaption;
import org.rnnkit.exercises.LongTermDependency;
import org.rnnkit.exercises.ParameterCount;
import org.rnnkit.exercises.RnnEquations;
import org.rnnkit.exercises.ShuffleInvariance;
import org.rnnkit.exercises.StatefulRnn;
import org.rnnkit.exercises.WordEmbeddings;
import org.rnnkit.recipes.caption.CaptionRecipe;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import org.rnnkit.recipes.generate.GenerateRecipe;
import org.rnnkit.recipes.postag.PostagRecipe;
import org.rnnkit.recipes.sentiment.SentimentRecipe;
import org.rnnkit.recipes.translate.TranslateRecipe;

/**
 * Every recipe class runs as a main class with the command line's subcommands, options and exit
 * codes: {@code <Task>Recipe.execute} is what {@code main} runs before {@code System.exit}.
 */
class RecipeMainsTest {

    @TempDir Path dir;

    /** Output captured from {@code System.out} and {@code System.err} during one run. */
    record Run(int exit, String out, String err) {}

    /** The recipe classes by command name, with their exit-code-returning entry points. */
    private static final Map<String, Function<String[], Integer>> RECIPES =
            Map.of(
                    "sentiment", SentimentRecipe::execute,
                    "postag", PostagRecipe::execute,
                    "translate", TranslateRecipe::execute,
                    "caption", CaptionRecipe::execute,
                    "forecast", ForecastRecipe::execute,
                    "generate", GenerateRecipe::execute);

    private static synchronized Run run(Function<String[], Integer> main, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int exit = main.apply(args);
            return new Run(
                    exit,
                    capturedOut.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void givenEveryRecipeClass_whenInspected_thenItHasAPublicStaticMain() throws Exception {
        for (Class<?> recipe :
                List.of(
                        SentimentRecipe.class,
                        PostagRecipe.class,
                        TranslateRecipe.class,
                        CaptionRecipe.class,
                        ForecastRecipe.class,
                        GenerateRecipe.class)) {
            Method main = recipe.getMethod("main", String[].class);
            assertTrue(
                    Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class,
                    "expected public static void main(String[]) in " + recipe.getName());
        }
    }

    @Test
    void givenEveryRecipe_whenTrainHelp_thenTheCommandLinesHelpAndExitZero() {
        for (Map.Entry<String, Function<String[], Integer>> recipe : RECIPES.entrySet()) {
            Run help = run(recipe.getValue(), "train", "--help");
            assertEquals(0, help.exit(), recipe.getKey() + ": " + help.err());
            assertTrue(
                    help.out().contains("Usage: rnnkit " + recipe.getKey() + " train"),
                    recipe.getKey() + " train --help printed: " + help.out());
            assertTrue(help.out().contains("--epochs"), help.out());
        }
    }

    @Test
    void givenEveryRecipe_whenBadUsage_thenExitTwoLikeTheCommandLine() {
        for (Map.Entry<String, Function<String[], Integer>> recipe : RECIPES.entrySet()) {
            Run bad = run(recipe.getValue(), "train", "--no-such-flag");
            assertEquals(2, bad.exit(), recipe.getKey() + ": " + bad.out() + bad.err());
            assertTrue(bad.err().contains("--no-such-flag"), bad.err());
            Run noSubcommand = run(recipe.getValue(), "fly");
            assertEquals(2, noSubcommand.exit(), recipe.getKey() + ": " + noSubcommand.err());
        }
    }

    @Test
    void givenEveryExerciseClass_whenItsMainsPathRuns_thenTheExerciseCommandParsesTheArguments()
            throws Exception {
        Map<String, Class<?>> exercises =
                Map.ofEntries(
                        Map.entry("rnn-equations", RnnEquations.class),
                        Map.entry("parameter-count", ParameterCount.class),
                        Map.entry("component-sizes", ComponentSizes.class),
                        Map.entry("shuffle-invariance", ShuffleInvariance.class),
                        Map.entry("gradient-flow", GradientFlow.class),
                        Map.entry("gate-equations", GateEquations.class),
                        Map.entry("long-term-dependency", LongTermDependency.class),
                        Map.entry("bidirectional-context", BidirectionalContext.class),
                        Map.entry("stateful-rnn", StatefulRnn.class),
                        Map.entry("word-embeddings", WordEmbeddings.class),
                        Map.entry("image-caption", ImageCaption.class));
        for (Map.Entry<String, Class<?>> e : exercises.entrySet()) {
            Method main = e.getValue().getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), e.getValue().getName());
            Run help =
                    run(
                            args -> CommandLineEntry.execute(List.of("exercise", e.getKey()), args),
                            "--help");
            assertEquals(0, help.exit(), e.getKey() + ": " + help.err());
            assertTrue(
                    help.out().contains("Usage: rnnkit exercise " + e.getKey()),
                    e.getKey() + " --help printed: " + help.out());
        }
        Run count =
                run(
                        args ->
                                CommandLineEntry.execute(
                                        List.of("exercise", "parameter-count"), args),
                        "--cell",
                        "lstm",
                        "-d",
                        "3",
                        "--hidden",
                        "2");
        assertEquals(0, count.exit(), count.err());
        // 4(3 x 2 + 2 x 2 + 2) = 48, plus the output 3 x 2 + 3 = 9.
        assertTrue(count.out().contains("DL4J numParams(): 57"), count.out());
    }

    @Test
    void givenSentimentMain_whenSmokeTrainThenPredict_thenBundleAndPredictions()
            throws URISyntaxException {
        Path data = Path.of(RecipeMainsTest.class.getResource("/sentiment/tiny.tsv").toURI());
        Path model = dir.resolve("main.zip");
        Run train =
                run(
                        SentimentRecipe::execute,
                        "train",
                        "--smoke",
                        "--no-progress",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(Files.isRegularFile(model), "expected the bundle " + model);
        Run predict =
                run(SentimentRecipe::execute, "predict", "--model", model.toString(), "not bad");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(
                predict.out().matches("(?s)(pos|neg)\t[01]\\.\\d{4}\tnot bad\\R"),
                "expected one line 'label<TAB>probability<TAB>text', printed: " + predict.out());
    }
}
