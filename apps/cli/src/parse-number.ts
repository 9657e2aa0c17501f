import { InvalidArgumentError } from 'commander';

/** A commander argument parser for a whole number ≥ 1, naming the option in its error. */
export function positiveInt(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${name} takes a whole number ≥ 1`);
    return number;
  };
}

/** A whole number ≥ 0. */
export function naturalInt(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError(`${name} takes a whole number ≥ 0`);
    return number;
  };
}
