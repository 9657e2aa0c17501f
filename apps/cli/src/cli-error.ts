/** A mistake in how the CLI was called or in a file it read; the message says what to change. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
