/** The JSON stored as a task's or run's `error`: enough to understand it without a stack dump. */
export function failure(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
