/*
 * FastAdam against DL4J's Adam: mean time of one update of 1.7M FLOAT parameters (the size of
 * bench/RecurrentBench.java's model), same process, back to back.
 *
 *   OMP_NUM_THREADS=1 java -cp "toolkit-recipes/target/lib/*" bench/FastAdamBench.java
 */
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.rnnkit.train.FastAdam;
public class FastAdamBench { public static void main(String[] a){
  int n = 1_700_000;
  for (int rep=0; rep<2; rep++) for (IUpdater u : new IUpdater[]{new Adam(1e-3), new FastAdam(1e-3)}) {
    INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2L*n);
    GradientUpdater g = u.instantiate(state, true);
    INDArray grad = Nd4j.rand(DataType.FLOAT, 1, n);
    for (int i=0;i<50;i++) g.applyUpdater(grad.dup(), i, 0);
    INDArray[] gs = new INDArray[100]; for (int i=0;i<100;i++) gs[i]=grad.dup();
    long t0=System.nanoTime(); for (int i=0;i<100;i++) g.applyUpdater(gs[i], 50+i, 0);
    if (rep==1) System.out.printf("%s: %.2f ms per update of %d parameters%n", u.getClass().getSimpleName(), (System.nanoTime()-t0)/1e6/100, n);
  }
}}
