import type { TaskLogs } from '../api/types';
import { formatDuration, formatTime, showJson } from '../app/format';
import { StatusBadge } from '../app/StatusBadge';

interface LogLine {
  ts?: string;
  level?: string;
  msg?: string;
  fields?: Record<string, unknown>;
}

function lineText(line: unknown): { level: string; text: string } {
  if (typeof line !== 'object' || line === null) return { level: 'info', text: String(line) };
  const { ts, level, msg, fields } = line as LogLine;
  const time = ts ? new Date(ts).toLocaleTimeString() : '';
  return { level: level ?? 'info', text: `${time} ${msg ?? ''}${fields ? ` ${JSON.stringify(fields)}` : ''}` };
}

/** Every attempt of a task: executor, duration, outcome, error, and its log lines. */
export function AttemptList({ logs }: { logs: TaskLogs | undefined }) {
  if (!logs) return <p className="muted">Loading attempts…</p>;
  if (logs.attempts.length === 0) return <p className="muted">No attempt has ended yet.</p>;
  return (
    <ol className="attempts" data-testid="attempts">
      {logs.attempts.map((attempt) => (
        <li key={attempt.attempt}>
          <div className="row">
            <strong>#{attempt.attempt}</strong> <StatusBadge status={attempt.status} />
            <span>{formatDuration(attempt.durationMs)}</span>
            <span className="muted mono" title="executor">
              {attempt.executorId ? attempt.executorId.slice(0, 8) : 'no executor'}
            </span>
            <span className="muted">{formatTime(attempt.startedAt)}</span>
          </div>
          {attempt.error !== null && attempt.error !== undefined && (
            <pre className="json error-box" data-testid="attempt-error">
              {showJson(attempt.error)}
            </pre>
          )}
          {attempt.logs.length > 0 && (
            <pre className="logs" data-testid="attempt-logs">
              {attempt.logs.map((line, index) => {
                const { level, text } = lineText(line);
                return (
                  <span key={index} className={`log-${level}`}>
                    {text}
                    {'\n'}
                  </span>
                );
              })}
            </pre>
          )}
        </li>
      ))}
    </ol>
  );
}
