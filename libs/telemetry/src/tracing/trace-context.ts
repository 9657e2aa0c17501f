import { context, propagation, ROOT_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';

/** The tracer of Taskloom's own spans (run creation, dispatch, attempts). */
export const tracer = trace.getTracer('taskloom');

interface Carrier {
  traceparent?: string;
}

/**
 * The W3C `traceparent` of a span (or of the active context): what a run
 * row and a task job carry so that work continuing in another process, or
 * much later, joins the same trace. Null when tracing is off.
 */
export function traceparentOf(span?: Span): string | null {
  const carrier: Carrier = {};
  propagation.inject(span ? trace.setSpan(context.active(), span) : context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` names, to start child spans in; the root context when there is none. */
export function contextOf(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent } satisfies Carrier);
}
