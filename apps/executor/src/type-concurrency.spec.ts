import { typeConcurrency } from './type-concurrency';

describe('typeConcurrency', () => {
  const capacity = { cpu: 2, memoryMb: 2_048, concurrency: 64 };

  it('is how many of the profile fit, by cpu or by memory, whichever runs out first', () => {
    expect(typeConcurrency({ cpu: 1, memoryMb: 512 }, capacity)).toBe(2);
    expect(typeConcurrency({ cpu: 0.25, memoryMb: 256 }, capacity)).toBe(8);
    expect(typeConcurrency({ cpu: 0.01, memoryMb: 1_024 }, capacity)).toBe(2);
  });

  it('is at most EXECUTOR_CONCURRENCY and at least one', () => {
    expect(typeConcurrency({ cpu: 0.001, memoryMb: 1 }, capacity)).toBe(64);
    expect(typeConcurrency({ cpu: 4, memoryMb: 4_096 }, capacity)).toBe(1);
  });
});
