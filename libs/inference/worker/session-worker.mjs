// One worker thread of the inference pool: holds onnxruntime sessions and runs them, so that
// onnxruntime-node's synchronous native run() (onnxruntime issue 19611) never blocks the event loop.
// Plain JavaScript on purpose: it runs as is from the source tree, from dist/ and under jest, whose
// TypeScript transform does not reach into worker threads. Protocol: see session-worker-pool.ts.
import { parentPort } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const sessions = new Map();

function describeError(err) {
  const message = err instanceof Error ? err.message : String(err);
  // onnxruntime's messages carry the whole native stack on later lines; the first says what failed.
  return message.split('\n')[0];
}

function toOrtFeeds(feeds) {
  const out = {};
  for (const [name, t] of Object.entries(feeds)) out[name] = new ort.Tensor(t.dtype, t.data, t.dims);
  return out;
}

function fromOrtOutputs(outputs) {
  const tensors = {};
  const buffers = new Set();
  for (const [name, value] of Object.entries(outputs)) {
    const data = value.data;
    tensors[name] = { dtype: value.type, dims: [...value.dims], data };
    if (ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  }
  return { tensors, transfer: [...buffers] };
}

async function loadSession({ key, model, options }) {
  const session = await ort.InferenceSession.create(model, options);
  const previous = sessions.get(key);
  sessions.set(key, session);
  if (previous) await previous.release();
  return { inputNames: [...session.inputNames], outputNames: [...session.outputNames] };
}

async function runSession({ key, feeds }) {
  const session = sessions.get(key);
  if (!session) throw new Error(`no session ${key} in this worker`);
  return fromOrtOutputs(await session.run(toOrtFeeds(feeds)));
}

async function unloadSession({ key }) {
  const session = sessions.get(key);
  sessions.delete(key);
  if (session) await session.release();
  return {};
}

async function handleMessage(message) {
  try {
    switch (message.op) {
      case 'load':
        parentPort.postMessage({ id: message.id, ok: true, result: await loadSession(message) });
        break;
      case 'run': {
        const { tensors, transfer } = await runSession(message);
        parentPort.postMessage({ id: message.id, ok: true, result: tensors }, transfer);
        break;
      }
      case 'unload':
        parentPort.postMessage({ id: message.id, ok: true, result: await unloadSession(message) });
        break;
      default:
        throw new Error(`unknown operation ${String(message.op)}`);
    }
  } catch (err) {
    parentPort.postMessage({ id: message.id, ok: false, error: describeError(err) });
  }
}

// One message at a time, in arrival order: an unload never releases a session a queued run still needs,
// and the thread's native work is sequential anyway.
let chain = Promise.resolve();
parentPort.on('message', (message) => {
  chain = chain.then(() => handleMessage(message));
});
