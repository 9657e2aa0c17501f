// The entry point of each expression pool thread (piscina loads its default export).
import { parentPort } from 'node:worker_threads';
import { runExpressionJob, type ExpressionAnswer, type ExpressionJob } from './expression-job';

/** Says when the evaluation starts, so its time limit counts neither queueing nor the thread's startup. */
export default function evaluate(job: ExpressionJob & { id: number }): Promise<ExpressionAnswer> {
  parentPort?.postMessage({ expressionStarted: job.id });
  return runExpressionJob(job);
}
