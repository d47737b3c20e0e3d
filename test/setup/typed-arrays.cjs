// Jest runs each test file in its own VM context, so typed arrays created by native addons
// (onnxruntime-node) come from another realm and fail `instanceof` (jest#11864). Compare tags instead.
const names = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
  'ArrayBuffer',
];
for (const name of names) {
  const ctor = globalThis[name];
  if (!ctor) continue;
  // Jest shares the outer realm's constructors between test files of one worker: define once.
  if (Object.prototype.hasOwnProperty.call(ctor, Symbol.hasInstance)) continue;
  const tag = `[object ${name}]`;
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value: (obj) => obj !== null && typeof obj === 'object' && Object.prototype.toString.call(obj) === tag,
  });
}
