/** Worker thread: runs a range of simulation trials (see simulate.ts) and sends the block back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SimModel } from '../core/simulation/model.js';
import { runTrials } from '../core/simulation/run.js';

interface Job {
  readonly model: SimModel;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

function isJob(x: unknown): x is Job {
  return typeof x === 'object' && x !== null && 'model' in x && 'from' in x && 'to' in x && 'seed' in x;
}

if (parentPort && isJob(workerData)) {
  const { model, seed, from, to } = workerData;
  const port = parentPort;
  const block = runTrials(model, seed, from, to, undefined, (done) => port.postMessage({ progress: done }));
  port.postMessage({ block }, [block.payout.buffer, block.own.buffer, block.cost.buffer, block.bookings.buffer]);
}
