/**
 * The exercises of an RNN course as runnable, tested code: each class computes one exercise with
 * real DL4J computations, returns its numbers as a record (asserted by a test of the same name) and
 * has a {@code print} method that reports them with the settings that produced them, the way the
 * course presents them. {@code rnnkit exercise NAME} runs it (its options are in {@code --help});
 * each class's {@code main} hands its arguments to that command through {@link
 * org.rnnkit.recipes.CommandLineEntry}. The notebooks in {@code notebooks/} call the same methods.
 *
 * <p>Index (see {@code docs/EXERCISES.md} for the course's questions and answers):
 *
 * <ol>
 *   <li>{@link org.rnnkit.exercises.RnnEquations}: the simple RNN forward equations by hand;
 *   <li>{@link org.rnnkit.exercises.ParameterCount}: parameter counting formulas;
 *   <li>{@link org.rnnkit.exercises.ComponentSizes}: shapes of the weights and outputs;
 *   <li>{@link org.rnnkit.exercises.ShuffleInvariance}: shuffling sequences vs. steps;
 *   <li>{@link org.rnnkit.exercises.GradientFlow}: BPTT, vanishing and exploding gradients,
 *       clipping;
 *   <li>{@link org.rnnkit.exercises.GateEquations}: LSTM and GRU gates by hand;
 *   <li>{@link org.rnnkit.exercises.LongTermDependency}: SimpleRnn vs. LSTM/GRU over distance;
 *   <li>{@link org.rnnkit.exercises.BidirectionalContext}: a tag that needs the next word;
 *   <li>{@link org.rnnkit.exercises.StatefulRnn}: stepping with stored state;
 *   <li>{@link org.rnnkit.exercises.WordEmbeddings}: Word2Vec, neighbours, analogies, t-SNE;
 *   <li>{@link org.rnnkit.exercises.ArchitectureChoice}: which RNN type for which problem.
 * </ol>
 */
package org.rnnkit.exercises;
