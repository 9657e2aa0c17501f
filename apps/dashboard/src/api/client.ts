/** An API answer other than 2xx, with the API's error body (`{ statusCode, error, message, details? }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Every call carries X-Taskloom-UI: 1 — the API accepts the session cookie
 * only with it, which a cross-site page cannot add (CSRF defence).
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'X-Taskloom-UI': '1',
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const payload: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (payload ?? {}) as { message?: unknown; details?: unknown };
    const message = Array.isArray(error.message)
      ? error.message.join('; ')
      : String(error.message ?? response.statusText);
    throw new ApiError(response.status, message, error.details);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', `/api/v1${path}`),
  post: <T>(path: string, body?: unknown) => request<T>('POST', `/api/v1${path}`, body ?? {}),
};

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
