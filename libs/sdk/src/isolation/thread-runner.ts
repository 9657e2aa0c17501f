/**
 * Entry of a pooled worker thread (compiled to dist/isolation/thread-runner.js).
 * workerData: RunnerInit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostMessage, RunnerInit } from './protocol';
import { startRunner } from './runner-main';

if (!parentPort) throw new Error('thread-runner must run in a worker thread started by TaskHost');
const port = parentPort;
startRunner(workerData as RunnerInit, {
  send: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (message: HostMessage) => listener(message)),
});
