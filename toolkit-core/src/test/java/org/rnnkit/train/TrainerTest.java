package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.eval.ClassificationReport;
import org.rnnkit.model.CellType;
import org.rnnkit.model.Pooling;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifier;
import org.rnnkit.model.SequenceClassifierBuilder;

class TrainerTest {

    @TempDir Path dir;

    /** Class = whether the first token is 4 or 5; the rest is noise, so the model must remember. */
    private static final List<int[]> SEQUENCES = new ArrayList<>();

    private static final int[] CLASSES = new int[96];
    private static final SequenceBatcher BATCHER = SequenceBatcher.builder().build();

    static {
        Random r = new Random(3);
        for (int i = 0; i < CLASSES.length; i++) {
            int[] s = new int[2 + r.nextInt(6)];
            CLASSES[i] = i % 2;
            s[0] = 4 + CLASSES[i];
            for (int t = 1; t < s.length; t++) {
                s[t] = 6 + r.nextInt(6);
            }
            SEQUENCES.add(s);
        }
    }

    private static ComputationGraph network() {
        return SequenceClassifierBuilder.builder()
                .setVocabularySize(12)
                .setNumClasses(2)
                .optEmbeddingSize(8)
                .optRnn(new RnnSpec(CellType.LSTM, 8, 1, false, 0.1))
                .optPooling(Pooling.LAST)
                .optOptimizer(new OptimizerSpec(0.02, 0.9, 1.0))
                .optSeed(5)
                .build();
    }

    private static BucketingIterator<Integer> batches() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < SEQUENCES.size(); i++) {
            ids.add(i);
        }
        return new BucketingIterator<>(
                ids,
                16,
                i -> SEQUENCES.get(i).length,
                items ->
                        BATCHER.manyToOne(
                                items.stream().map(SEQUENCES::get).toList(),
                                items.stream().mapToInt(i -> CLASSES[i]).toArray(),
                                2),
                2,
                true,
                11);
    }

    private static DevMetric accuracy() {
        return DevMetric.of(
                "accuracy",
                net -> {
                    int[] predicted =
                            SequenceClassifier.argmax(
                                    new SequenceClassifier(net, BATCHER, 32)
                                            .predictProbabilities(SEQUENCES));
                    return new ClassificationReport(List.of("a", "b"), CLASSES, predicted)
                            .accuracy();
                });
    }

    private Trainer.Builder trainer(Path checkpoints, int epochs) {
        return Trainer.builder()
                .optMaxEpochs(epochs)
                .optPatience(50)
                .optSeed(9)
                .optCheckpointDir(checkpoints)
                .optFingerprint("data-v1")
                .optMetricsLog(checkpoints.resolve("metrics.jsonl"))
                .optLossPlot(checkpoints.resolve("loss.png"));
    }

    @Test
    void givenInterruptedRun_whenResumed_thenContinuesFromCheckpointAndMatchesUninterruptedRun()
            throws IOException {
        TrainingResult full =
                trainer(dir.resolve("full"), 4).build().fit(network(), batches(), accuracy());

        Path cp = dir.resolve("resumed");
        TrainingResult first = trainer(cp, 2).build().fit(network(), batches(), accuracy());
        assertEquals(2, first.history().size());
        assertTrue(Files.isRegularFile(cp.resolve("checkpoint.zip")));
        TrainingResult resumed =
                trainer(cp, 4).optResume(true).build().fit(network(), batches(), accuracy());

        assertEquals(2, resumed.resumedAfterEpoch());
        assertEquals(4, resumed.history().size());
        assertEquals(first.history().get(1), resumed.history().get(1));
        assertEquals(full.history().get(3).trainLoss(), resumed.history().get(3).trainLoss(), 1e-6);
        assertEquals(full.bestDevMetric(), resumed.bestDevMetric(), 1e-9);
        assertEquals(
                0.0,
                full.network().params().sub(resumed.network().params()).amaxNumber().doubleValue(),
                1e-5);
        assertEquals(4, Files.readAllLines(cp.resolve("metrics.jsonl")).size());
        assertTrue(Files.size(cp.resolve("loss.png")) > 1000);
        assertTrue(full.bestDevMetric() > 0.9, "model did not learn: " + full.history());
    }

    @Test
    void givenSameSeed_whenTrainedTwice_thenIdenticalResults() throws IOException {
        TrainingResult a =
                trainer(dir.resolve("a"), 2).build().fit(network(), batches(), accuracy());
        TrainingResult b =
                trainer(dir.resolve("b"), 2).build().fit(network(), batches(), accuracy());
        assertEquals(a.history().get(1).trainLoss(), b.history().get(1).trainLoss(), 0.0);
        assertEquals(
                0.0,
                a.network().params().sub(b.network().params()).amaxNumber().doubleValue(),
                0.0);
    }

    @Test
    void givenCheckpointOfAnotherRun_whenResumed_thenRefused() throws IOException {
        Path cp = dir.resolve("other");
        trainer(cp, 1).build().fit(network(), batches(), accuracy());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                trainer(cp, 2)
                                        .optFingerprint("data-v2")
                                        .optResume(true)
                                        .build()
                                        .fit(network(), batches(), accuracy()));
        assertTrue(e.getMessage().contains("different run"), e.getMessage());
    }

    @Test
    void givenNoImprovement_whenPatienceRunsOut_thenStopsEarlyWithBestParameters()
            throws IOException {
        DevMetric constant = DevMetric.of("constant", net -> 0.5);
        TrainingResult r =
                Trainer.builder()
                        .optMaxEpochs(10)
                        .optPatience(2)
                        .build()
                        .fit(network(), batches(), constant);
        assertTrue(r.stoppedEarly());
        assertEquals(3, r.history().size());
        assertEquals(1, r.bestEpoch());
    }

    @Test
    void givenWeightAveraging_whenTwoBatches_thenWarmedUpAverageIsScoredAndCanWin()
            throws IOException {
        ComputationGraph net = network();
        INDArray p0 = net.params().dup();
        // the trained weights score 0, the averaged ones 1: the average becomes the model
        List<INDArray> seen = new ArrayList<>();
        DevMetric probe =
                DevMetric.of(
                        "probe",
                        n -> {
                            seen.add(n.params().dup());
                            return seen.size() % 2 == 0 ? 1.0 : 0.0;
                        });
        Path cp = dir.resolve("avg");
        TrainingResult r =
                trainer(cp, 1)
                        .optMaxBatchesPerEpoch(2)
                        .optWeightAveraging(0.999)
                        .build()
                        .fit(net, batches(), probe);

        // the same two steps without averaging give the trained weights p2; p1 after one step
        ComputationGraph plain = network();
        trainer(dir.resolve("p1"), 1)
                .optMaxBatchesPerEpoch(1)
                .build()
                .fit(plain, batches(), DevMetric.of("x", n -> 0));
        INDArray p1 = plain.params().dup();
        assertEquals(2, seen.size());
        INDArray p2 = seen.get(0);
        // decays warmed up: min(0.999, 1/10) then min(0.999, 2/11)
        INDArray a1 = p0.mul(0.1).addi(p1.mul(0.9));
        INDArray a2 = a1.mul(2.0 / 11).addi(p2.mul(9.0 / 11));
        assertEquals(0.0, seen.get(1).sub(a2).amaxNumber().doubleValue(), 1e-6);
        assertTrue(p2.sub(a2).amaxNumber().doubleValue() > 1e-4, "average equals the weights");
        // the restored network trains on from the trained weights; the result holds the average
        assertTrue(r.bestAveraged());
        assertEquals(1.0, r.bestDevMetric());
        assertEquals(1.0, r.history().get(0).averagedDevMetric());
        assertEquals(0.0, r.history().get(0).devMetric());
        assertEquals(0.0, r.network().params().sub(a2).amaxNumber().doubleValue(), 1e-6);
        String log = Files.readString(cp.resolve("metrics.jsonl"));
        assertTrue(log.contains("\"probe_averaged\":1.0"), log);
    }

    @Test
    void givenWeightAveraging_whenResumed_thenMatchesUninterruptedRun() throws IOException {
        TrainingResult full =
                trainer(dir.resolve("full"), 3)
                        .optWeightAveraging(0.9)
                        .build()
                        .fit(network(), batches(), accuracy());
        Path cp = dir.resolve("resumed");
        trainer(cp, 1).optWeightAveraging(0.9).build().fit(network(), batches(), accuracy());
        TrainingResult resumed =
                trainer(cp, 3)
                        .optWeightAveraging(0.9)
                        .optResume(true)
                        .build()
                        .fit(network(), batches(), accuracy());
        assertEquals(3, resumed.history().size());
        for (int e = 0; e < 3; e++) {
            EpochRecord a = full.history().get(e);
            EpochRecord b = resumed.history().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-9, "epoch " + (e + 1));
            assertEquals(a.devMetric(), b.devMetric(), "epoch " + (e + 1));
            assertEquals(a.averagedDevMetric(), b.averagedDevMetric(), "epoch " + (e + 1));
        }
        assertEquals(full.bestAveraged(), resumed.bestAveraged());
        assertEquals(
                0.0,
                full.network().params().sub(resumed.network().params()).amaxNumber().doubleValue(),
                1e-6);
        for (EpochRecord e : full.history()) {
            assertTrue(e.averagedDevMetric() >= 0 && e.averagedDevMetric() <= 1, e.toString());
        }
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Trainer.builder().optWeightAveraging(1.0).build());
        assertTrue(bad.getMessage().contains("must be in [0, 1)"), bad.getMessage());
    }
}
