import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK (tracing-sdk.ts). It must run before http,
 * pg and pino are loaded, so each main.ts imports its `instrument` file
 * first. The SDK and its instrumentations are loaded here, synchronously and
 * only when tracing is on: otherwise they would cost every process about
 * 12 MB of heap, which each major collection then marks, and 0.3 s of start.
 */
export function startTracing(serviceName: string): void {
  if (sdk) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, and before the modules it instruments, so neither a static nor an async import will do
  const { createTracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = createTracingSdk(serviceName);
  sdk.start();
}

export function tracingActive(): boolean {
  return sdk !== undefined;
}

/** Flushes spans still buffered; the process calls it last on the way out. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
