/**
 * Whether a JSON value serialises to more than `maxBytes` (approximately:
 * escapes are not counted). Stops counting at the limit, so a huge output
 * costs only what it takes to find that out; iterative, so depth cannot
 * overflow the stack.
 */
export function exceedsJsonBytes(value: unknown, maxBytes: number): boolean {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') bytes += Buffer.byteLength(current) + 2;
    else if (typeof current === 'number' || typeof current === 'boolean') bytes += String(current).length;
    else if (Array.isArray(current)) {
      bytes += 1 + current.length;
      for (const item of current as unknown[]) stack.push(item);
    } else if (typeof current === 'object' && current !== null) {
      bytes += 2;
      for (const [key, item] of Object.entries(current)) {
        bytes += Buffer.byteLength(key) + 4;
        stack.push(item);
      }
    } else bytes += 4;
    if (bytes > maxBytes) return true;
  }
  return false;
}
