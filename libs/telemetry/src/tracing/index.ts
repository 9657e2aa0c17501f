/**
 * The tracing entry point, importable on its own (`@taskloom/telemetry/tracing`)
 * so that a process can start the SDK before anything it instruments is loaded.
 */
export { startTracing, stopTracing, tracingActive } from './start-tracing';
export { contextOf, traceparentOf, tracer } from './trace-context';
export { failSpan, inSpan, type SpanOptions } from './spans';
