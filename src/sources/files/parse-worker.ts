// The worker side of readFilesParallel: reads and parses the files it is given and posts the
// results back as plain data (positions as transferred Int32Arrays).
import { parentPort, workerData } from 'node:worker_threads';
import { readAndParse, toWire, type WireResult } from './parse-file.js';

const { files, maxFileSize } = workerData as { files: string[]; maxFileSize: number };
const results: Array<[string, WireResult]> = [];
const transfer = new Set<ArrayBuffer>();
for (const file of files) {
  const { wire, transfer: buffers } = toWire(readAndParse(file, maxFileSize));
  results.push([file, wire]);
  for (const b of buffers) transfer.add(b);
}
parentPort!.postMessage(results, [...transfer]);
