/** A setting a bench child process cannot run without, from its environment; its absence names the child and the variable. */
export function requiredEnv(child: string, name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${child} needs ${name}`);
  return value;
}
