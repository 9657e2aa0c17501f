import {
  decideTrigger,
  TRIGGER_RULES,
  type TriggerDecision,
  type TriggerRule,
  type UpstreamCounts,
} from './trigger-rule';

/**
 * Independent oracle, written from the rule descriptions: "run" once the
 * rule is certainly satisfied whatever the pending parents do, "skip" once it
 * certainly cannot be, otherwise "wait". It decides by trying every outcome
 * of the pending parents rather than by counting.
 */
function oracle(rule: TriggerRule, counts: UpstreamCounts): TriggerDecision {
  const pending = counts.total - counts.succeeded - counts.failed - counts.skipped;
  const holds = (succeeded: number, failed: number, skipped: number): boolean => {
    const total = succeeded + failed + skipped;
    if (total === 0) return true;
    if (rule === 'all_success') return succeeded === total;
    if (rule === 'all_done') return true;
    if (rule === 'one_success') return succeeded > 0;
    if (rule === 'one_failed') return failed > 0;
    return failed === 0; // none_failed
  };
  const finals: boolean[] = [];
  for (let s = 0; s <= pending; s++) {
    for (let f = 0; f <= pending - s; f++) {
      finals.push(holds(counts.succeeded + s, counts.failed + f, counts.skipped + pending - s - f));
    }
  }
  if (finals.every(Boolean)) return rule === 'all_done' && pending > 0 ? 'wait' : 'run';
  if (!finals.some(Boolean)) return 'skip';
  return 'wait';
}

function allCounts(maxTotal: number): UpstreamCounts[] {
  const all: UpstreamCounts[] = [];
  for (let total = 0; total <= maxTotal; total++) {
    for (let succeeded = 0; succeeded <= total; succeeded++) {
      for (let failed = 0; failed <= total - succeeded; failed++) {
        for (let skipped = 0; skipped <= total - succeeded - failed; skipped++) {
          all.push({ total, succeeded, failed, skipped });
        }
      }
    }
  }
  return all;
}

describe('decideTrigger', () => {
  const cases = TRIGGER_RULES.flatMap((rule) => allCounts(4).map((counts) => ({ rule, counts })));

  it.each(cases)('$rule with $counts matches the oracle', ({ rule, counts }) => {
    expect(decideTrigger(rule, counts)).toBe(oracle(rule, counts));
  });

  it('runs every rule when the task has no parents', () => {
    for (const rule of TRIGGER_RULES) {
      expect(decideTrigger(rule, { total: 0, succeeded: 0, failed: 0, skipped: 0 })).toBe('run');
    }
  });

  it.each<[TriggerRule, UpstreamCounts, TriggerDecision]>([
    // all_success skips as soon as one parent failed or was skipped, without waiting for the rest
    ['all_success', { total: 3, succeeded: 0, failed: 1, skipped: 0 }, 'skip'],
    ['all_success', { total: 3, succeeded: 1, failed: 0, skipped: 1 }, 'skip'],
    ['all_success', { total: 3, succeeded: 2, failed: 0, skipped: 0 }, 'wait'],
    ['all_success', { total: 3, succeeded: 3, failed: 0, skipped: 0 }, 'run'],
    ['all_done', { total: 2, succeeded: 0, failed: 1, skipped: 0 }, 'wait'],
    ['all_done', { total: 2, succeeded: 0, failed: 1, skipped: 1 }, 'run'],
    ['one_success', { total: 3, succeeded: 1, failed: 0, skipped: 0 }, 'run'],
    ['one_success', { total: 3, succeeded: 0, failed: 2, skipped: 0 }, 'wait'],
    ['one_success', { total: 3, succeeded: 0, failed: 2, skipped: 1 }, 'skip'],
    ['one_failed', { total: 3, succeeded: 0, failed: 1, skipped: 0 }, 'run'],
    ['one_failed', { total: 2, succeeded: 1, failed: 0, skipped: 1 }, 'skip'],
    ['one_failed', { total: 2, succeeded: 1, failed: 0, skipped: 0 }, 'wait'],
    ['none_failed', { total: 3, succeeded: 0, failed: 1, skipped: 0 }, 'skip'],
    ['none_failed', { total: 2, succeeded: 1, failed: 0, skipped: 1 }, 'run'],
    ['none_failed', { total: 2, succeeded: 0, failed: 0, skipped: 1 }, 'wait'],
  ])('%s with %o -> %s', (rule, counts, decision) => {
    expect(decideTrigger(rule, counts)).toBe(decision);
  });
});
