package org.rnnkit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentModel.Prediction;
import org.rnnkit.recipes.sentiment.SentimentOptions;

class TextClassifierTest {

    @TempDir Path dir;

    /** Twelve texts per label; the label follows from one word. */
    static final List<String> TEXTS = new ArrayList<>();

    static final List<String> LABELS = new ArrayList<>();

    static {
        String[] subjects = {
            "the film", "this plot", "the acting", "that ending", "the music", "it"
        };
        for (String s : subjects) {
            for (String[] word : new String[][] {{"great", "pos"}, {"awful", "neg"}}) {
                TEXTS.add(s + " was " + word[0]);
                LABELS.add(word[1]);
                TEXTS.add("truly " + word[0] + " , " + s);
                LABELS.add(word[1]);
            }
        }
    }

    private static TextClassifier.Builder tiny() {
        return TextClassifier.builder()
                .epochs(12)
                .patience(12)
                .hiddenSize(8)
                .embeddingSize(8)
                .batchSize(4)
                .learningRate(0.02)
                .minCount(1)
                .progressBar(false);
    }

    @Test
    void givenTexts_whenFitPredictSaveLoad_thenLearnsAndReloadPredictsTheSame() throws IOException {
        TextClassifier classifier = tiny().build();
        RecipeResult fit = classifier.fit(TEXTS, LABELS);
        assertTrue(fit.metrics().containsKey("accuracy"), fit.metrics().toString());
        assertTrue(fit.report().contains("RNN"), fit.report());

        List<String> unseen = List.of("the story was great", "the story was awful");
        List<Prediction> before = classifier.predict(unseen);
        assertEquals("pos", before.get(0).label());
        assertEquals("neg", before.get(1).label());
        assertEquals(List.of("neg", "pos"), classifier.labels());

        Path file = dir.resolve("sentiment.zip");
        classifier.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        // the bundle records where it was saved, not the deleted temporary run
        assertEquals(file, loaded.options().training().out());
        List<Prediction> after = loaded.predict(unseen);
        for (int i = 0; i < unseen.size(); i++) {
            assertArrayEquals(before.get(i).probabilities(), after.get(i).probabilities(), 1e-6f);
        }
        // the same bundle the command line's predict and eval read
        assertEquals(
                before.get(0).label(), SentimentModel.load(file).predict(unseen).get(0).label());
        RecipeResult evaluation = loaded.evaluate(TEXTS, LABELS);
        assertTrue(evaluation.metrics().get("accuracy") >= 0.9, evaluation.report());
    }

    @Test
    void givenFiles_whenFit_thenSameFlowAsTheCommandLine() throws IOException {
        StringBuilder tsv = new StringBuilder("label\ttext\n");
        for (int i = 0; i < TEXTS.size(); i++) {
            tsv.append(LABELS.get(i)).append('\t').append(TEXTS.get(i)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("train.tsv"), tsv.toString());
        TextClassifier classifier = tiny().epochs(2).build();
        RecipeResult fit = classifier.fit(data, data);
        assertTrue(fit.report().startsWith("dev set: " + TEXTS.size() + " examples"), fit.report());
        RecipeResult evaluation = classifier.evaluate(data);
        assertTrue(evaluation.report().startsWith(data.toString()), evaluation.report());
        assertEquals(fit.metrics().get("accuracy"), evaluation.metrics().get("accuracy"), 1e-9);
    }

    @Test
    void givenTheCommandLinesOptions_whenFitAndSave_thenTheSameModelAsRnnkitTrain()
            throws IOException {
        StringBuilder tsv = new StringBuilder("label\ttext\n");
        for (int i = 0; i < TEXTS.size(); i++) {
            tsv.append(LABELS.get(i)).append('\t').append(TEXTS.get(i)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("train.tsv"), tsv.toString());
        Path cli = dir.resolve("cli").resolve("sentiment.zip");
        StringWriter out = new StringWriter();
        int exit =
                RnnkitCli.execute(
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()),
                        "sentiment",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        cli.toString(),
                        "--epochs",
                        "2",
                        "--hidden",
                        "8",
                        "--batch-size",
                        "4",
                        "--seed",
                        "5",
                        "--no-progress");
        assertEquals(0, exit, out.toString());

        // the options the command line parsed, as its bundle keeps them, with another --out
        SentimentOptions parsed = SentimentModel.load(cli).options();
        Path api = dir.resolve("api").resolve("sentiment.zip");
        TextClassifier classifier = TextClassifier.builder().options(parsed).out(api).build();
        RecipeResult result = classifier.fitAndSave();
        assertEquals(api, result.bundle());
        assertTrue(out.toString().startsWith(result.report()), out.toString());
        List<String> texts = List.of("the story was great", "it was awful");
        List<Prediction> fromCli = SentimentModel.load(cli).predict(texts);
        List<Prediction> fromApi = classifier.predict(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(
                    fromCli.get(i).probabilities(), fromApi.get(i).probabilities(), 1e-6f);
        }
    }

    @Test
    void givenEmptyText_whenFit_thenMessageNamesTheCallersIndex() {
        List<String> texts = new ArrayList<>(TEXTS);
        texts.set(17, "  ");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> tiny().build().fit(texts, LABELS));
        assertEquals(
                "text 17 is empty (only white space); every text needs at least one non-space"
                        + " character",
                e.getMessage());
    }

    @Test
    void givenMismatchedLists_whenFit_thenMessageNamesBothSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(TEXTS, LABELS.subList(0, 5)));
        assertEquals(
                "expected one element of labels per element of texts, received: texts.size()=24,"
                        + " labels.size()=5",
                e.getMessage());
    }

    @Test
    void givenNullLabel_whenFit_thenMessageNamesItsIndex() {
        List<String> labels = new ArrayList<>(LABELS);
        labels.set(3, null);
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> tiny().build().fit(TEXTS, labels));
        assertEquals("label 3 is null", e.getMessage());
    }

    @Test
    void givenSingletonLabel_whenFitWithSplit_thenMessageNamesLabelAndIndex() {
        List<String> labels = new ArrayList<>(LABELS);
        labels.set(5, "meh");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> tiny().build().fit(TEXTS, labels));
        assertTrue(
                e.getMessage().startsWith("label 'meh' occurs only once (label 5)"),
                e.getMessage());
    }

    @Test
    void givenUnknownDevLabel_whenFit_thenMessageNamesTheDevIndex() {
        List<String> devLabels = new ArrayList<>(LABELS);
        devLabels.set(2, "meh");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(TEXTS, LABELS, TEXTS, devLabels));
        assertEquals(
                "dev label 2 is 'meh'; expected one of the model's labels [neg, pos]",
                e.getMessage());
    }

    @Test
    void givenNoModel_whenPredictOrSave_thenIllegalState() {
        TextClassifier classifier = tiny().build();
        assertFalse(classifier.isFitted());
        assertThrows(IllegalStateException.class, () -> classifier.predict("great"));
        assertThrows(IllegalStateException.class, () -> classifier.save(dir.resolve("x.zip")));
    }

    @Test
    void givenBadSetting_whenSet_thenFailsAtOnceNamingIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TextClassifier.builder().hiddenSize(0));
        assertEquals("hiddenSize must be >= 1, received: hiddenSize=0", e.getMessage());
        TextClassifier.Builder builder = TextClassifier.builder().epochs(3);
        assertEquals(3, builder.options().training().epochs());
        assertEquals(64, builder.hiddenSize(64).build().options().training().hiddenSize());
    }

    @Test
    void givenAmazonShapedFile_whenColumnsAndLabelMapSet_thenFitsAndEvaluatesTheSameShape()
            throws Exception {
        Path data =
                Path.of(
                        TextClassifierTest.class
                                .getResource("/sentiment/amazon-shaped.csv")
                                .toURI());
        TextClassifier classifier =
                tiny().epochs(2)
                        .textColumns("Summary", "Text")
                        .labelColumn("Score")
                        .labelMap("1..2=neg;4..5=pos;3=skip")
                        .skipBadRows(true)
                        .build();
        classifier.fit(data);
        assertEquals(List.of("neg", "pos"), classifier.labels());
        RecipeResult eval = classifier.evaluate(data);
        assertTrue(eval.report().contains("24 examples (2 bad rows skipped)"), eval.report());
        Path saved = dir.resolve("amazon.zip");
        classifier.save(saved);
        assertEquals(
                "1..2=neg;4..5=pos;3=skip",
                TextClassifier.load(saved).options().training().format().labelMap());
    }
}
