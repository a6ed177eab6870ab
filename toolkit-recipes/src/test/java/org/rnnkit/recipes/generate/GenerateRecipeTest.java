package org.rnnkit.recipes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.RecipeResult;

class GenerateRecipeTest {

    @TempDir static Path shared;

    @TempDir Path dir;

    private static Path model;

    /** A small model trained once on a slice of the embedded stories. */
    @BeforeAll
    static void trainSmallModel() throws IOException {
        model = GenerateFixtures.smallModel(shared.resolve("generate.zip"), TextLevel.CHAR, 32);
    }

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RnnkitCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void givenTrainedModel_whenScored_thenFiniteBitsBelowTheUnigramBaseline() throws IOException {
        GenerateModel m = GenerateModel.load(model);
        GenerateModel.Score score = m.score(TextDataGenerator.generate(20, 99));
        assertTrue(Double.isFinite(score.headline()), score.report());
        assertTrue(score.headline() < score.unigramHeadline(), score.report());
        assertTrue(score.metrics().containsKey("bits_per_char"));
        assertTrue(score.metrics().containsKey("unigram_bits_per_char"));
    }

    @Test
    void givenSameSeed_whenTrainedTwiceWithCarriedState_thenSameWeights() throws IOException {
        Path again = GenerateFixtures.smallModel(dir.resolve("again.zip"), TextLevel.CHAR, 32);
        assertEquals(
                GenerateModel.load(model).bundle().network().params(),
                GenerateModel.load(again).bundle().network().params());
    }

    @Test
    void givenSameSeed_whenSampledTwice_thenSameText() throws IOException {
        GenerateModel m = GenerateModel.load(model);
        TokenSampler s = new TokenSampler(1.0, 0, 1.0);
        String a = m.sample("The ", 80, s, 17L);
        String b = m.sample("The ", 80, s, 17L);
        assertEquals(a, b);
        assertTrue(a.startsWith("The "), a);
        List<String> others = List.of(m.sample("The ", 80, s, 18L), m.sample("The ", 80, s, 19L));
        assertTrue(others.stream().anyMatch(o -> !o.equals(a)), "different seeds differ");
        // reloading the bundle gives the same text too
        assertEquals(a, GenerateModel.load(model).sample("The ", 80, s, 17L));
    }

    @Test
    void givenPromptWithUnseenCharacters_whenSampled_thenUnknownTokenAndANote() throws IOException {
        GenerateModel m = GenerateModel.load(model);
        assertEquals(List.of("Z", "é", "\uD83D\uDE00"), m.unknownTokens("Zé\uD83D\uDE00 the"));
        String text = m.sample("Zé\uD83D\uDE00", 20, TokenSampler.defaults(), 1L);
        assertTrue(text.startsWith("Zé\uD83D\uDE00"), text);
        Run run =
                cli(
                        "generate",
                        "sample",
                        "--model",
                        model.toString(),
                        "--prompt",
                        "Zé",
                        "--seed",
                        "3");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("'Z', 'é'"), run.err());
    }

    @Test
    void givenCli_whenSampleWithSeedTwice_thenSameOutputAndCountSamples() {
        String[] args = {
            "generate",
            "sample",
            "--model",
            model.toString(),
            "--seed",
            "5",
            "--count",
            "2",
            "--length",
            "40",
            "--temperature",
            "0.8",
            "--top-k",
            "10",
            "--top-p",
            "0.9"
        };
        Run a = cli(args);
        Run b = cli(args);
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        assertEquals(2, a.out().split("\\R\\R").length, a.out());
    }

    @Test
    void givenCli_whenPredict_thenOneLinePerPrompt() {
        Run run =
                cli(
                        "generate",
                        "predict",
                        "--model",
                        model.toString(),
                        "--seed",
                        "2",
                        "--length",
                        "30",
                        "The",
                        "When the");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().strip().split("\\R");
        assertEquals(2, lines.length, run.out());
        assertTrue(lines[0].startsWith("The") && lines[1].startsWith("When the"), run.out());
    }

    @Test
    void givenCli_whenEvalWithJson_thenBitsPerCharAndUnigramWritten() throws IOException {
        Path text = dir.resolve("dev.txt");
        TextDataGenerator.write(text, 10, 5);
        Path json = dir.resolve("m.json");
        Run run =
                cli(
                        "generate",
                        "eval",
                        "--model",
                        model.toString(),
                        "--data",
                        text.toString(),
                        "--json",
                        json.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("bits/char") && run.out().contains("unigram"), run.out());
        String written = Files.readString(json);
        assertTrue(
                written.contains("bits_per_char") && written.contains("unigram_bits_per_char"),
                written);
    }

    @Test
    void givenTsvColumn_whenSmokeTrainedOnIt_thenBundleSavedAndSampled() throws IOException {
        StringBuilder tsv = new StringBuilder("id\treview\n");
        int i = 0;
        for (String story : TextDataGenerator.generate(60, 3)) {
            tsv.append(i++).append('\t').append(story).append('\n');
        }
        Path data = dir.resolve("reviews.tsv");
        Files.writeString(data, tsv.toString(), StandardCharsets.UTF_8);
        Path out = dir.resolve("tsv.zip");
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        data.toString(),
                        "--column",
                        "review",
                        "--smoke",
                        "--hidden",
                        "16",
                        "--tbptt-length",
                        "10",
                        "--out",
                        out.toString(),
                        "--no-progress");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("bits/char"), run.out());
        assertTrue(Files.exists(out));
        assertEquals(List.of(), GenerateModel.load(out).unknownTokens("The quick fox"));
    }

    @Test
    void givenWordLevel_whenSmokeTrained_thenPerplexityReported() throws IOException {
        Path data = dir.resolve("stories.txt");
        TextDataGenerator.write(data, 100, 4);
        Path out = dir.resolve("word.zip");
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        data.toString(),
                        "--level",
                        "word",
                        "--smoke",
                        "--hidden",
                        "16",
                        "--out",
                        out.toString(),
                        "--no-progress");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("perplexity"), run.out());
        Run eval = cli("generate", "eval", "--model", out.toString(), "--data", data.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("perplexity"), eval.out());
    }

    @Test
    void givenDocuments_whenScoredInCarriedChunks_thenSameBitsAsOneMaskedPass() throws IOException {
        GenerateModel m = GenerateModel.load(model);
        List<int[]> docs = TextDataGenerator.generate(9, 42).stream().map(m::encode).toList();
        double[] onePass =
                GenerateModel.crossEntropy(
                        m.bundle().network(), GenerateModel.lanes(docs, 10_000), 4);
        for (int chunk : new int[] {1, 7, 10_000}) {
            double[] carried =
                    GenerateModel.crossEntropyCarried(m.bundle().network(), docs, 4, chunk);
            assertEquals(onePass[1], carried[1], "tokens, chunk " + chunk);
            assertEquals(onePass[0], carried[0], 1e-3 * onePass[1], "bits, chunk " + chunk);
        }
    }

    @Test
    void givenLongDocument_whenCutIntoLanes_thenEveryTokenAfterTheFirstIsPredictedOnce() {
        int[] doc = new int[23];
        for (int i = 0; i < doc.length; i++) {
            doc[i] = i;
        }
        List<int[]> lanes = GenerateModel.lanes(List.of(doc, new int[] {2, 3}), 10);
        assertEquals(4, lanes.size());
        List<Integer> predicted = new java.util.ArrayList<>();
        for (int[] lane : lanes.subList(0, 3)) {
            for (int t : GenerateModel.targets(lane)) {
                predicted.add(t);
            }
            assertEquals(lane.length - 1, GenerateModel.inputs(lane).length);
        }
        assertEquals(java.util.stream.IntStream.range(1, 23).boxed().toList(), predicted);
        assertEquals(
                List.of(3),
                java.util.Arrays.stream(GenerateModel.targets(lanes.get(3))).boxed().toList());
    }

    @Test
    void givenDirectoryOfTextAndTsvAndADevFile_whenSmokeTrained_thenAllRead() throws IOException {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        TextDataGenerator.write(corpus.resolve("a.txt"), 30, 1);
        Files.writeString(corpus.resolve("b.tsv"), "text\nThe owl is in the lake.\n");
        Files.writeString(corpus.resolve(".hidden"), "\u0000\u0001");
        Path dev = dir.resolve("dev.txt");
        TextDataGenerator.write(dev, 5, 2);
        Path out = dir.resolve("dir.zip");
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        corpus.toString(),
                        "--dev",
                        dev.toString(),
                        "--smoke",
                        "--hidden",
                        "8",
                        "--out",
                        out.toString(),
                        "--no-progress");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dev set: 5 documents"), run.out());
        assertEquals(31, GenerateModel.load(out).bundle().provenance().trainExamples());
    }

    @Test
    void givenSeveralDataPaths_whenSmokeTrained_thenEveryPathIsRead() throws IOException {
        Path text = dir.resolve("stories.txt");
        TextDataGenerator.write(text, 20, 1);
        Path tsv = dir.resolve("reviews.tsv");
        Files.writeString(tsv, "id\treview\n1\tThe owl is in the lake.\n2\tA fox ran.\n");
        Path folder = Files.createDirectory(dir.resolve("more"));
        TextDataGenerator.write(folder.resolve("c.txt"), 10, 3);
        Path out = dir.resolve("several.zip");
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        text.toString(),
                        tsv.toString(),
                        folder.toString(),
                        "--column",
                        "review",
                        "--smoke",
                        "--hidden",
                        "8",
                        "--out",
                        out.toString(),
                        "--no-progress");
        assertEquals(0, run.exit(), run.err());
        GenerateModel m = GenerateModel.load(out);
        assertEquals(
                32,
                m.bundle().provenance().trainExamples() + m.bundle().provenance().devExamples());
        assertEquals(List.of(tsv, folder), m.options().moreData());
        // a binary file among them is named
        Path binary = dir.resolve("photo.jpg");
        Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0});
        Run bad =
                cli(
                        "generate",
                        "train",
                        "--data",
                        text.toString(),
                        binary.toString(),
                        "--smoke",
                        "--out",
                        dir.resolve("bad.zip").toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("photo.jpg"), bad.err());
    }

    @Test
    void givenBinaryFile_whenTrained_thenExitTwoNamingTheFile() throws IOException {
        Path binary = dir.resolve("image.bin");
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        Files.write(binary, bytes);
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        binary.toString(),
                        "--smoke",
                        "--out",
                        dir.resolve("x.zip").toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("image.bin") && run.err().contains("UTF-8"), run.err());
    }

    @Test
    void givenNulBytesInValidUtf8_whenTrained_thenExitTwoCallingItBinary() throws IOException {
        Path binary = dir.resolve("nul.dat");
        Files.write(binary, new byte[] {'a', 0, 'b', '\n'});
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        binary.toString(),
                        "--smoke",
                        "--out",
                        dir.resolve("x.zip").toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("nul.dat") && run.err().contains("binary"), run.err());
    }

    @Test
    void givenEmptyCorpus_whenTrained_thenExitTwoNamingTheSource() throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n\n   \n");
        Run run =
                cli(
                        "generate",
                        "train",
                        "--data",
                        empty.toString(),
                        "--smoke",
                        "--out",
                        dir.resolve("x.zip").toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("empty.txt") && run.err().contains("no text"), run.err());
        Path emptyDir = Files.createDirectory(dir.resolve("nothing"));
        Run runDir =
                cli(
                        "generate",
                        "train",
                        "--data",
                        emptyDir.toString(),
                        "--smoke",
                        "--out",
                        dir.resolve("y.zip").toString());
        assertEquals(2, runDir.exit(), runDir.err());
        assertTrue(runDir.err().contains("nothing"), runDir.err());
    }

    @Test
    void givenBadSamplingFlags_whenSampled_thenExitTwoNamingTheFlag() {
        Run run = cli("generate", "sample", "--model", model.toString(), "--temperature", "0");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("temperature"), run.err());
        Run bidirectional = cli("generate", "train", "--bidirectional", "--smoke");
        assertEquals(2, bidirectional.exit(), bidirectional.err());
        assertNotEquals("", bidirectional.err());
    }

    @Test
    void givenFileThatIsNoBundle_whenSampled_thenExitTwo() throws IOException {
        Path notAZip = dir.resolve("bad.zip");
        Files.write(notAZip, new ByteArrayOutputStream().toByteArray());
        Run run = cli("generate", "sample", "--model", notAZip.toString());
        assertEquals(2, run.exit(), run.err());
    }

    @Tag("slow")
    @Test
    void givenEmbeddedDefaults_whenTrained_thenReadableBelowOneBitPerChar() throws IOException {
        RecipeResult result =
                GenerateRecipe.train(
                        GenerateOptions.defaults()
                                .withTraining(t -> t.out(dir.resolve("default.zip"))));
        assertTrue(result.metrics().get("bits_per_char") < 1.0, result.report());
    }
}
