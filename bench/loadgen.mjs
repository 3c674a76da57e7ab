// HTTP load generator for the benchmark, run in a worker thread so that the client does not share
// the server's event loop. For each message `{ count }` it sends `count` GETs to `url` over
// keep-alive loopback connections (Node's built-in fetch), `concurrency` at a time, reads every body
// completely, and posts back each request's latency in milliseconds and the wall time of the batch.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { url, concurrency, headers } = workerData;

async function once() {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`HTTP ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  }
  return { ms, bytes: body.byteLength };
}

async function run(count) {
  const latencies = new Array(count);
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const r = await once();
      latencies[i] = r.ms;
      bytes = r.bytes;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { latencies, wallMs: performance.now() - started, bytes };
}

parentPort.on('message', async ({ count }) => {
  try {
    parentPort.postMessage({ ok: true, ...(await run(count)) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
});
