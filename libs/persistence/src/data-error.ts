/**
 * PostgreSQL refused the data itself, not the moment: SQLSTATE class 22
 * (data exception: a NUL in text or jsonb, an invalid escape, a number out
 * of range) or 54 (a program limit, such as a jsonb value too large).
 * Sending the same values again fails the same way, so a batch that fails
 * with one is split to find the item at fault rather than retried whole.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}
