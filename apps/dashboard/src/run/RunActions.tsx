import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RunView } from '../api/types';
import { ConfirmButton } from '../app/ConfirmButton';
import { useCan } from '../app/session';

type Action = 'cancel' | 'pause' | 'resume' | 'retry';

const QUESTIONS: Record<Action, string> = {
  cancel: 'Cancel this run? Every task that has not ended is cancelled, sub-workflow runs too. This cannot be undone.',
  pause: 'Pause this run? Running tasks finish; nothing new starts until it is resumed.',
  resume: 'Resume this run? Its ready tasks are dispatched again.',
  retry: 'Retry this run? Its failed, skipped and cancelled tasks run again; succeeded outputs are kept.',
};

/** Cancel, pause, resume and retry, each behind a confirmation, offered when the run's status allows it and the key may. */
export function RunActions({ run }: { run: RunView }) {
  const canSubmit = useCan('submit');
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (action: Action) => api.post(`/runs/${run.id}/${action}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['run', run.id] }),
  });
  if (!canSubmit) return null;
  const active = ['pending', 'running', 'paused'].includes(run.status);
  const offered: Action[] = [
    ...(active ? (['cancel'] as const) : []),
    ...(run.status === 'running' || run.status === 'pending' ? (['pause'] as const) : []),
    ...(run.status === 'paused' ? (['resume'] as const) : []),
    ...(run.status === 'failed' ? (['retry'] as const) : []),
  ];
  return (
    <div className="actions" role="group" aria-label="Run actions">
      {offered.map((action) => (
        <ConfirmButton
          key={action}
          label={action[0]!.toUpperCase() + action.slice(1)}
          question={QUESTIONS[action]}
          danger={action === 'cancel'}
          disabled={act.isPending}
          onConfirm={() => act.mutate(action)}
        />
      ))}
      {act.error && (
        <span className="error" role="alert">
          {act.error.message}
        </span>
      )}
    </div>
  );
}
