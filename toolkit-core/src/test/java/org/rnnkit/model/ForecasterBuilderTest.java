package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.testing.Fixtures;
import org.rnnkit.train.OptimizerSpec;

class ForecasterBuilderTest {

    private static ForecasterBuilder builder(Topology topology, int autoregressive) {
        return ForecasterBuilder.builder()
                .setInputSize(3)
                .setHorizon(4)
                .optNumTargets(2)
                .optFutureSize(2)
                .optTopology(topology)
                .optAutoregressive(autoregressive)
                .optRnn(new RnnSpec(CellType.LSTM, 5, 1, false, 0.0))
                .optSeed(7);
    }

    private static INDArray[] inputs(Topology topology, boolean window, DataType type) {
        Nd4j.getRandom().setSeed(11);
        INDArray history = Nd4j.rand(type, 2, 3, 6);
        INDArray future = Nd4j.rand(type, 2, 2, 4);
        INDArray w = Nd4j.rand(type, 2, 2 * 6);
        if (topology == Topology.DIRECT) {
            return window ? new INDArray[] {history, w} : new INDArray[] {history};
        }
        return window ? new INDArray[] {history, future, w} : new INDArray[] {history, future};
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void givenEachTopology_whenRun_thenOutputShapeHoldsEveryStepOfEveryTarget(Topology topology) {
        for (int ar : new int[] {0, 6}) {
            ComputationGraph net = builder(topology, ar).build();
            INDArray out = net.outputSingle(inputs(topology, ar > 0, DataType.FLOAT));
            long[] expected =
                    topology == Topology.DIRECT ? new long[] {2, 8} : new long[] {2, 2, 4};
            assertArrayEquals(expected, out.shape(), topology + " ar=" + ar);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void givenAutoregressivePart_whenGradientChecked_thenAnalyticMatchesNumeric(Topology topology) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf =
                    builder(topology, 6)
                            .optDataType(DataType.DOUBLE)
                            .optOptimizer(new OptimizerSpec(1e-3, 1.0, 0))
                            .buildConfiguration();
            // gradient checks need plain gradients: no updater
            ComputationGraph net = Fixtures.withoutUpdaters(conf);
            // the zero-initialised linear part would hide wrong gradients: give it weights
            Nd4j.getRandom().setSeed(3);
            net.getLayer("autoregressive")
                    .setParam("W", Nd4j.rand(DataType.DOUBLE, 12, 8).subi(0.5).muli(0.2));
            INDArray labels =
                    topology == Topology.DIRECT
                            ? Nd4j.rand(DataType.DOUBLE, 2, 8)
                            : Nd4j.rand(DataType.DOUBLE, 2, 2, 4);
            boolean ok =
                    GradientCheckUtil.checkGradients(
                            new GradientCheckUtil.GraphConfig()
                                    .net(net)
                                    .inputs(inputs(topology, true, DataType.DOUBLE))
                                    .labels(new INDArray[] {labels})
                                    .epsilon(1e-6)
                                    .maxRelError(1e-5)
                                    .minAbsoluteError(1e-9)
                                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok, topology.toString());
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void givenFreshAutoregressivePart_whenWindowChanges_thenOnlyTheRecurrentPartAnswers() {
        // the linear part starts at zero: the window input has no effect before training
        ComputationGraph net = builder(Topology.DIRECT, 6).build();
        INDArray[] in = inputs(Topology.DIRECT, true, DataType.FLOAT);
        INDArray a = net.outputSingle(in);
        in[1] = in[1].mul(100);
        assertEquals(a, net.outputSingle(in));
    }

    @Test
    void givenConfiguration_whenSerialised_thenRoundTripsAndRejectsBadSizes() {
        ComputationGraphConfiguration conf =
                builder(Topology.ENCODER_DECODER, 6).buildConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecasterBuilder.builder().setInputSize(2).build());
        assertTrue(e.getMessage().contains("horizon must be >= 1"), e.getMessage());
        assertEquals(Topology.ENCODER_DECODER, Topology.parse("seq2seq"));
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("arima"));
    }
}
