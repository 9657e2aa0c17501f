/**
 * Whether this process exports traces. The OpenTelemetry SDK reads the
 * standard OTEL_* variables itself (endpoint, protocol, sampler, batching);
 * this only decides whether to start it at all, before anything else loads,
 * which is why it is separate from loadConfig: tracing is off unless an
 * exporter or an OTLP endpoint is named, and OTEL_SDK_DISABLED wins.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}
