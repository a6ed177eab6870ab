// TensorFlow.js on the COCO CenterNet graph model (the reference rnnkit's importer is measured against):
// images per second for the backbone's feature map (or, with --full, the detections), one JSON line.
//   node bench/centernet_tfjs.mjs MODEL.json wasm|cpu [--full] [--reps N]
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfconv from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

const [modelJson, backend, ...rest] = process.argv.slice(2);
const full = rest.includes('--full');
const reps = rest.includes('--reps') ? Number(rest[rest.indexOf('--reps') + 1]) : 5;
await tf.setBackend(backend);
await tf.ready();

const t0 = process.hrtime.bigint();
const model = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
const dir = path.dirname(modelJson);
const weightSpecs = model.weightsManifest.flatMap((g) => g.weights);
const shards = model.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
const all = Buffer.concat(shards);
const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
const net = await tfconv.loadGraphModel(
  tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs, weightData }),
);
const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

const values = new Float32Array(512 * 512 * 3);
for (let p = 0; p < values.length; p++) {
  const c = p % 3, k = Math.floor(p / 3) % 512, i = Math.floor(p / (3 * 512));
  values[p] = (i * 7 + k * 13 + c * 29) % 256;
}
const image = tf.tensor4d(values, [1, 512, 512, 3]);
const fetch = full ? 'tower_0/detections' : 'tower_0/extern1/hard_swish/mul_1';
const once = async () => {
  const out = full ? await net.executeAsync(image, fetch) : net.execute(image, fetch);
  await out.data();
  out.dispose();
};
await once(); // warm-up
const start = process.hrtime.bigint();
for (let r = 0; r < reps; r++) await once();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ impl: `tfjs-${backend}`, fetch: full ? 'detections' : 'features', reps,
  images_per_s: Number((reps / seconds).toFixed(4)), load_s: Number(loadSeconds.toFixed(2)) }));
