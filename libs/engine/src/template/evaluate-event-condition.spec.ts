import { validateDefinition } from '../definition/validate-definition';
import type { DefinitionContext } from '../definition/definition-context';
import { DefinitionError } from '../definition/definition-error';
import { evaluateEventCondition } from './evaluate-event-condition';

const event = (payload: unknown) => ({ event: { name: 'order.created', payload: payload as never } });

describe('evaluateEventCondition', () => {
  it('reads the payload and the name, bare or wrapped', async () => {
    expect(await evaluateEventCondition('event.payload.total > 100', event({ total: 250 }))).toBe(true);
    expect(await evaluateEventCondition('{{ event.payload.total > 100 }}', event({ total: 5 }))).toBe(false);
    expect(await evaluateEventCondition('event.name = "order.created"', event({}))).toBe(true);
  });

  it('is false when the condition selects nothing', async () => {
    expect(await evaluateEventCondition('event.payload.missing', event({}))).toBe(false);
  });
});

describe('definitions listening to events', () => {
  const ctx: DefinitionContext = { isKnownTaskType: (type) => type === 'core.noop' };
  const definition = (on: unknown) => ({ name: 'w', on, tasks: [{ key: 'a', type: 'core.noop' }] });

  it('accepts an event with or without a condition', () => {
    expect(() =>
      validateDefinition(definition([{ event: 'order.created' }, { event: 'a.b', when: 'event.payload.x' }]), ctx),
    ).not.toThrow();
  });

  it('names a condition that does not parse, and a bad event name', () => {
    expect(() => validateDefinition(definition([{ event: 'order.created', when: 'event.payload.(' }]), ctx)).toThrow(
      DefinitionError,
    );
    expect(() => validateDefinition(definition([{ event: ' spaced name' }]), ctx)).toThrow(DefinitionError);
  });
});
