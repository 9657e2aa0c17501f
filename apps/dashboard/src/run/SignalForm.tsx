import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { useCan } from '../app/session';

/** Sends the signal a waiting task waits for, with a JSON payload (checked by the API against the task's schema). */
export function SignalForm({ runId, signal }: { runId: string; signal: string }) {
  const canSubmit = useCan('submit');
  const client = useQueryClient();
  const [text, setText] = useState('{}');
  const [parseError, setParseError] = useState<string>();
  const send = useMutation({
    mutationFn: (payload: unknown) =>
      api.post<{ outcome: string }>(`/runs/${runId}/signals/${encodeURIComponent(signal)}`, { payload }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['run', runId] }),
  });
  if (!canSubmit) return null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      setParseError(`not JSON: ${(error as Error).message}`);
      return;
    }
    setParseError(undefined);
    send.mutate(payload);
  };
  const error = parseError ?? send.error?.message;
  return (
    <form className="signal-form" onSubmit={submit} data-testid="signal-form">
      <h3>Signal</h3>
      <label>
        {`Payload of the signal '${signal}' (JSON)`}
        <textarea rows={4} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <button type="submit" disabled={send.isPending}>
        Send signal
      </button>
      {send.data && <span data-testid="signal-outcome">Signal {send.data.outcome}.</span>}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
