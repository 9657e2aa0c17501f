/** A template or expression failed to parse or to evaluate. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    /** The offending expression text (without `{{ }}`). */
    readonly expression: string,
    message: string,
    /** JSONata's error code (e.g. `S0202`, `D1012`) when JSONata raised it. */
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

/** JSONata throws plain objects, not Errors; keep its code and position in a real error. */
export function toTemplateError(expression: string, failure: unknown, action: 'parse' | 'evaluate'): TemplateError {
  if (failure instanceof TemplateError) return failure;
  const details = (typeof failure === 'object' && failure !== null ? failure : {}) as JsonataFailure;
  const reason = details.message ?? String(failure);
  const where = action === 'parse' && typeof details.position === 'number' ? ` at position ${details.position}` : '';
  const verb = action === 'parse' ? 'Invalid expression' : 'Expression failed';
  return new TemplateError(expression, `${verb} "${clip(expression)}"${where}: ${reason}`, details.code, {
    cause: failure,
  });
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
