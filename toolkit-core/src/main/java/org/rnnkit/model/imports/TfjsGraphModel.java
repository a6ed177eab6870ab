package org.rnnkit.model.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A TensorFlow.js graph model ({@code model.json} with {@code format: graph-model}: a TensorFlow
 * GraphDef in JSON under {@code modelTopology.node} and a {@code weightsManifest} naming binary
 * shards) loaded into memory and interpreted with ND4J ops.
 *
 * <p>Tensors are NHWC as in TensorFlow: images [batch, height, width, channels]. Weights stored as
 * float16, uint8 or uint16 are dequantized to float32 on load; int32 weights stay int32. {@link
 * #run} evaluates only the nodes the fetched nodes depend on.
 *
 * <pre>{@code
 * TfjsGraphModel m = TfjsGraphModel.load(Path.of("centernet.json"));
 * INDArray image = Nd4j.rand(DataType.FLOAT, 1, 512, 512, 3).muli(255);
 * INDArray heat = m.run(Map.of("tower_0/images", image), "tower_0/keypoints").get("tower_0/keypoints");
 * }</pre>
 *
 * <p>The model holds no mutable state after loading; {@link #run} may be called repeatedly.
 */
public final class TfjsGraphModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final List<TfjsNode> nodes;
    private final Map<String, TfjsNode> byName;
    private final Map<String, INDArray> weights;

    private TfjsGraphModel(
            Path source,
            List<TfjsNode> nodes,
            Map<String, TfjsNode> byName,
            Map<String, INDArray> weights) {
        this.source = source;
        this.nodes = nodes;
        this.byName = byName;
        this.weights = weights;
    }

    /**
     * Loads a TF.js graph model and its weight shards (paths relative to the JSON's folder).
     *
     * @param modelJson the model.json
     * @return the loaded model
     * @throws IOException when the JSON or a shard cannot be read
     * @throws IllegalArgumentException when the JSON is not a graph model, a field is malformed, a
     *     dtype is unknown, a shard is shorter than the manifest says (the message names the file
     *     and the JSON field), or a Const node has no value
     */
    public static TfjsGraphModel load(Path modelJson) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    modelJson + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode topo = root.path("modelTopology");
        JsonNode nodeList = topo.path("node");
        if (!nodeList.isArray()) {
            throw new IllegalArgumentException(
                    modelJson
                            + ": field 'modelTopology.node' is missing or not an array (not a TF.js graph model?)");
        }
        Path dir = modelJson.toAbsolutePath().getParent();
        Map<String, INDArray> weights =
                TfjsWeights.read(root.get("weightsManifest"), dir, modelJson);
        List<TfjsNode> nodes = new ArrayList<>();
        Map<String, TfjsNode> byName = new LinkedHashMap<>();
        for (int i = 0; i < nodeList.size(); i++) {
            JsonNode n = nodeList.get(i);
            String field = "modelTopology.node[" + i + "]";
            if (!n.path("name").isTextual() || !n.path("op").isTextual()) {
                throw new IllegalArgumentException(
                        modelJson + ": field '" + field + "' needs string 'name' and 'op'");
            }
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.path("input")) {
                inputs.add(in.asText());
            }
            Map<String, JsonNode> attrs = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("attr").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                attrs.put(e.getKey(), e.getValue());
            }
            TfjsNode node =
                    new TfjsNode(
                            n.get("name").asText(),
                            n.get("op").asText(),
                            List.copyOf(inputs),
                            Collections.unmodifiableMap(attrs));
            if (byName.put(node.name(), node) != null) {
                throw new IllegalArgumentException(
                        modelJson
                                + ": field '"
                                + field
                                + ".name': duplicate node name '"
                                + node.name()
                                + "'");
            }
            nodes.add(node);
            if (node.op().equals("Const") && !weights.containsKey(node.name())) {
                INDArray inline = inlineConst(node);
                if (inline == null) {
                    throw new IllegalArgumentException(
                            modelJson
                                    + ": Const node '"
                                    + node.name()
                                    + "' ("
                                    + field
                                    + ") has no entry in 'weightsManifest' and no inline value");
                }
                weights.put(node.name(), inline);
            }
        }
        for (TfjsNode node : nodes) {
            for (String in : node.inputs()) {
                String ref = nodeName(in);
                if (!byName.containsKey(ref)) {
                    throw new IllegalArgumentException(
                            modelJson
                                    + ": node '"
                                    + node.name()
                                    + "' has unknown input '"
                                    + in
                                    + "'");
                }
            }
        }
        return new TfjsGraphModel(
                modelJson,
                Collections.unmodifiableList(nodes),
                Collections.unmodifiableMap(byName),
                Collections.unmodifiableMap(weights));
    }

    /** Reads a Const's inline {@code value.tensor} (tensorContent, floatVal, intVal or boolVal). */
    private static INDArray inlineConst(TfjsNode node) {
        JsonNode t =
                node.attrs().containsKey("value") ? node.attrs().get("value").path("tensor") : null;
        if (t == null || t.isMissingNode()) {
            return null;
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode d : t.path("tensorShape").path("dim")) {
            dims.add(d.path("size").asLong());
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        String dtype = t.path("dtype").asText();
        boolean isInt = dtype.equals("DT_INT32");
        if (!isInt && !dtype.equals("DT_FLOAT")) {
            return null;
        }
        int[] iv = new int[(int) n];
        float[] fv = new float[(int) n];
        if (t.has("tensorContent")) {
            ByteBuffer b =
                    ByteBuffer.wrap(Base64.getDecoder().decode(t.get("tensorContent").asText()))
                            .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                if (isInt) {
                    iv[i] = b.getInt();
                } else {
                    fv[i] = b.getFloat();
                }
            }
        } else {
            JsonNode vals = t.path(isInt ? "intVal" : "floatVal");
            if (!vals.isArray() || vals.size() == 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                JsonNode v = vals.get(Math.min(i, vals.size() - 1));
                iv[i] = v.asInt();
                fv[i] = (float) v.asDouble();
            }
        }
        return TfjsWeights.shaped(
                isInt ? Nd4j.createFromArray(iv) : Nd4j.createFromArray(fv), shape);
    }

    private static String nodeName(String ref) {
        String r = ref.startsWith("^") ? ref.substring(1) : ref;
        int colon = r.lastIndexOf(':');
        if (colon > 0 && r.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return r.substring(0, colon);
        }
        return r;
    }

    private static int outputIndex(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon > 0 && ref.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(ref.substring(colon + 1));
        }
        return 0;
    }

    /**
     * The file this model was loaded from.
     *
     * @return the model.json path
     */
    public Path source() {
        return source;
    }

    /**
     * All nodes in file order.
     *
     * @return an unmodifiable list
     */
    public List<TfjsNode> nodes() {
        return nodes;
    }

    /**
     * A node by name.
     *
     * @param name the node name
     * @return the node
     * @throws IllegalArgumentException when there is no such node
     */
    public TfjsNode node(String name) {
        TfjsNode n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException(source + ": no node named '" + name + "'");
        }
        return n;
    }

    /**
     * The graph inputs: the names of the Placeholder nodes, in file order.
     *
     * @return the input names
     */
    public List<String> inputs() {
        List<String> out = new ArrayList<>();
        for (TfjsNode n : nodes) {
            if (n.op().equals("Placeholder")) {
                out.add(n.name());
            }
        }
        return out;
    }

    /**
     * The graph outputs: the names of the non-Const nodes no other node consumes, in file order.
     *
     * @return the output names
     */
    public List<String> outputs() {
        Set<String> consumed = new HashSet<>();
        for (TfjsNode n : nodes) {
            for (String in : n.inputs()) {
                consumed.add(nodeName(in));
            }
        }
        List<String> out = new ArrayList<>();
        for (TfjsNode n : nodes) {
            if (!consumed.contains(n.name()) && !n.op().equals("Const")) {
                out.add(n.name());
            }
        }
        return out;
    }

    /**
     * How often each op occurs.
     *
     * @return op name to count, sorted by op name
     */
    public Map<String, Integer> ops() {
        Map<String, Integer> out = new TreeMap<>();
        for (TfjsNode n : nodes) {
            out.merge(n.op(), 1, Integer::sum);
        }
        return out;
    }

    /**
     * The constant tensors (dequantized weights and inline constants) by Const node name.
     *
     * @return an unmodifiable map; float32 or int32 arrays in TF's shapes (conv filters
     *     [kH,kW,in,out])
     */
    public Map<String, INDArray> weights() {
        return weights;
    }

    /**
     * Evaluates the graph for the fetched nodes, computing only the nodes they depend on.
     *
     * @param feeds values for the Placeholder nodes the fetches need (any node may be fed, which
     *     overrides its computation), e.g. {@code tower_0/images} as float [1,512,512,3] NHWC
     * @param fetches node names, or {@code name:k} for a node's output k
     * @return the fetched values by the fetch string, in fetch order
     * @throws IllegalArgumentException when a fetch names no node or a needed Placeholder is not
     *     fed
     * @throws UnsupportedOperationException when a needed node's op is not supported (the message
     *     names op and node)
     */
    public Map<String, INDArray> run(Map<String, INDArray> feeds, String... fetches) {
        if (fetches.length == 0) {
            throw new IllegalArgumentException("nothing to fetch");
        }
        Map<String, INDArray[]> values = new HashMap<>();
        for (Map.Entry<String, INDArray> f : feeds.entrySet()) {
            if (!byName.containsKey(nodeName(f.getKey()))) {
                throw new IllegalArgumentException(
                        source + ": feed names no node: '" + f.getKey() + "'");
            }
            values.put(nodeName(f.getKey()), new INDArray[] {f.getValue()});
        }
        // Iterative post-order over the needed sub-graph.
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>(values.keySet());
        Set<String> entered = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        for (String f : fetches) {
            String name = nodeName(f);
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException(source + ": fetch names no node: '" + f + "'");
            }
            stack.push(name);
        }
        while (!stack.isEmpty()) {
            String name = stack.peek();
            if (done.contains(name)) {
                stack.pop();
                continue;
            }
            if (entered.add(name)) {
                for (String in : byName.get(name).dataInputs()) {
                    String dep = nodeName(in);
                    if (!done.contains(dep)) {
                        if (entered.contains(dep)) {
                            throw new IllegalArgumentException(
                                    source + ": cycle through node '" + dep + "'");
                        }
                        stack.push(dep);
                    }
                }
            } else {
                stack.pop();
                done.add(name);
                order.add(name);
            }
        }
        // Drop each intermediate value after its last consumer so peak memory stays near the
        // widest layer rather than the whole graph.
        Map<String, Integer> uses = new HashMap<>();
        for (String name : order) {
            for (String in : byName.get(name).dataInputs()) {
                uses.merge(nodeName(in), 1, Integer::sum);
            }
        }
        Set<String> keep = new HashSet<>();
        for (String f : fetches) {
            keep.add(nodeName(f));
        }
        for (String name : order) {
            TfjsNode node = byName.get(name);
            values.put(name, compute(node, values));
            for (String in : node.dataInputs()) {
                String dep = nodeName(in);
                if (uses.merge(dep, -1, Integer::sum) == 0
                        && !keep.contains(dep)
                        && !feeds.containsKey(dep)) {
                    values.remove(dep);
                }
            }
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String f : fetches) {
            out.put(f, output(values, f));
        }
        return out;
    }

    private INDArray[] compute(TfjsNode node, Map<String, INDArray[]> values) {
        switch (node.op()) {
            case "Const":
                return new INDArray[] {weights.get(node.name())};
            case "Placeholder":
                throw new IllegalArgumentException(
                        source + ": input '" + node.name() + "' is needed but not fed");
            default:
                break;
        }
        TfjsOp op = TfjsOps.get(node);
        List<String> refs = node.dataInputs();
        INDArray[] in = new INDArray[refs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = output(values, refs.get(i));
        }
        try {
            return op.apply(node, in);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "node '" + node.name() + "' (" + node.op() + ") failed: " + e.getMessage(), e);
        }
    }

    private INDArray output(Map<String, INDArray[]> values, String ref) {
        INDArray[] v = values.get(nodeName(ref));
        int k = outputIndex(ref);
        if (k >= v.length) {
            throw new IllegalArgumentException(
                    source
                            + ": '"
                            + ref
                            + "' asks for output "
                            + k
                            + " of a node with "
                            + v.length);
        }
        return v[k];
    }
}
