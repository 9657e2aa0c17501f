import { SpanStatusCode, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';
import { tracer } from './trace-context';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; the active one when absent. */
  parent?: Context;
}

/**
 * Runs `work` inside an active span that ends when it settles, recording a
 * thrown error on the span before rethrowing it. Without a started SDK the
 * tracer is a no-op and this costs next to nothing.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const run = (span: Span) =>
    work(span).then(
      (result) => {
        span.end();
        return result;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    );
  const spanOptions = { kind: options.kind, attributes: options.attributes };
  return options.parent
    ? tracer.startActiveSpan(name, spanOptions, options.parent, run)
    : tracer.startActiveSpan(name, spanOptions, run);
}

export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
