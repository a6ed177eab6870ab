/*
 * Convolution speed: rnnkit's GemmConvolutionLayer (im2col + one BLAS product) against DL4J's
 * ConvolutionLayer, the same network, parameters and batch, alternating in one process; prints
 * milliseconds per training step and per inference batch and their ratios. Network: the caption
 * recipe's image encoder (3 x [3x3 conv 'Same' + ReLU + 2x2 max-pool], channels 16/32/64) -> dense
 * 128, on 3 x 32 x 32 (the embedded scenes) or 3 x 48 x 48 (flickr8k-1k) images.
 *
 *   OMP_NUM_THREADS=1 java -cp "toolkit-recipes/target/lib/*" bench/ConvBench.java [BATCH] [SIZE]
 */
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.layers.GemmConvolutionLayer;

public class ConvBench {
    static MultiLayerNetwork net(boolean gemm, int size) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .updater(new Adam(1e-3))
                        .dataType(DataType.FLOAT)
                        .list();
        for (int c : new int[] {16, 32, 64}) {
            ConvolutionLayer.Builder conv =
                    gemm ? new GemmConvolutionLayer.Builder(3, 3) : new ConvolutionLayer.Builder(3, 3);
            b.layer(conv.nOut(c).convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
            b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(128).activation(Activation.IDENTITY).build());
        b.setInputType(InputType.convolutional(size, size, 3));
        MultiLayerNetwork n = new MultiLayerNetwork(b.build());
        n.init();
        return n;
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = 20;
        MultiLayerNetwork[] nets = {net(false, size), net(true, size)};
        nets[1].setParams(nets[0].params().dup());
        DataSet d =
                new DataSet(
                        Nd4j.rand(DataType.FLOAT, batch, 3, size, size),
                        Nd4j.rand(DataType.FLOAT, batch, 128));
        double[][] fit = new double[2][3];
        double[][] out = new double[2][3];
        for (int rep = 0; rep < 4; rep++) {
            for (int k = 0; k < 2; k++) {
                MultiLayerNetwork n = nets[k];
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    n.fit(d);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    n.output(d.getFeatures());
                }
                long t2 = System.nanoTime();
                if (rep > 0) { // the first round warms up
                    fit[k][rep - 1] = (t1 - t0) / 1e6 / steps;
                    out[k][rep - 1] = (t2 - t1) / 1e6 / steps;
                }
            }
        }
        double fitDl4j = median(fit[0]), fitGemm = median(fit[1]);
        double outDl4j = median(out[0]), outGemm = median(out[1]);
        System.out.printf(
                "batch %d, %dx%d: training step DL4J %.1f ms, GEMM %.1f ms (%.1fx); inference DL4J %.1f ms, GEMM %.1f ms (%.1fx)%n",
                batch, size, size, fitDl4j, fitGemm, fitDl4j / fitGemm, outDl4j, outGemm, outDl4j / outGemm);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
