export interface ResourceNeed {
  cpu: number;
  memoryMb: number;
}

interface Waiter {
  need: ResourceNeed;
  grant: (release: () => void) => void;
}

/**
 * Admission by resource profile: a task runs only when its cpu and memory
 * fit in what the executor has left. Waiters are served in arrival order;
 * one that does not fit yet holds back the ones behind it, so a large task
 * is not starved by a stream of small ones.
 */
export class ResourceGate {
  private usedCpu = 0;
  private usedMemoryMb = 0;
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly capacity: ResourceNeed & { slots: number }) {}

  /** A need larger than the whole capacity could never run here: it is clamped to the capacity instead. */
  private clamp(need: ResourceNeed): ResourceNeed {
    return { cpu: Math.min(need.cpu, this.capacity.cpu), memoryMb: Math.min(need.memoryMb, this.capacity.memoryMb) };
  }

  /** Whether `count` more tasks of this need would fit now (one, unless asked). */
  fits(need: ResourceNeed, count = 1): boolean {
    return (
      this.active + count <= this.capacity.slots &&
      this.usedCpu + count * Math.min(need.cpu, this.capacity.cpu) <= this.capacity.cpu + 1e-9 &&
      this.usedMemoryMb + count * Math.min(need.memoryMb, this.capacity.memoryMb) <= this.capacity.memoryMb
    );
  }

  async acquire(need: ResourceNeed): Promise<() => void> {
    if (this.waiters.length === 0 && this.fits(need)) return this.take(need);
    const granted = new Promise<() => void>((grant) => this.waiters.push({ need, grant }));
    this.notify();
    return granted;
  }

  /** Tasks taken that wait for room. */
  waiting(): number {
    return this.waiters.length;
  }

  /** Called after every admission and release, so pollers can stop or start asking for work. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  load(): { cpu: number; memoryMb: number; active: number } {
    return { cpu: this.usedCpu, memoryMb: this.usedMemoryMb, active: this.active };
  }

  private take(need: ResourceNeed): () => void {
    const clamped = this.clamp(need);
    this.usedCpu += clamped.cpu;
    this.usedMemoryMb += clamped.memoryMb;
    this.active += 1;
    this.notify();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.usedCpu -= clamped.cpu;
      this.usedMemoryMb -= clamped.memoryMb;
      this.active -= 1;
      this.admitWaiters();
      this.notify();
    };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private admitWaiters(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.need)) {
      const waiter = this.waiters.shift()!;
      waiter.grant(this.take(waiter.need));
    }
  }
}
