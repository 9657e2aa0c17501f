import type { AttemptBar, RunView } from '../api/types';
import { formatDuration } from '../app/format';
import { statusColour } from '../app/StatusBadge';

interface Bar {
  key: string;
  label: string;
  status: string;
  start: number;
  end: number;
  title: string;
}

/** Finished attempts from the API, plus the attempts running now (from the run), as bars on one time axis. */
function barsOf(run: RunView, attempts: AttemptBar[], now: number): Bar[] {
  const bars: Bar[] = attempts.map((attempt) => {
    const end = Date.parse(attempt.finishedAt);
    const start = attempt.startedAt ? Date.parse(attempt.startedAt) : end - (attempt.durationMs ?? 0);
    return {
      key: attempt.taskKey,
      label: `#${attempt.attempt}`,
      status: attempt.status,
      start,
      end,
      title: `${attempt.taskKey} #${attempt.attempt} ${attempt.status}, ${formatDuration(end - start)}${attempt.executorId ? ` on ${attempt.executorId.slice(0, 8)}` : ''}`,
    };
  });
  for (const task of run.tasks) {
    const group = task.kind === 'foreach' || task.kind === 'workflow';
    if (task.startedAt && (group || !task.finishedAt)) {
      const start = Date.parse(task.startedAt);
      const end = task.finishedAt ? Date.parse(task.finishedAt) : now;
      bars.push({
        key: task.key,
        label: group ? task.kind : `#${task.attempts}`,
        status: task.status,
        start,
        end,
        title: `${task.key} ${task.status}, ${formatDuration(end - start)}`,
      });
    }
  }
  return bars;
}

/** A Gantt chart of the run's attempts: one row per task, in the order tasks started. */
export function Timeline({
  run,
  attempts,
  truncated,
  now,
}: {
  run: RunView;
  attempts: AttemptBar[];
  truncated: boolean;
  /** When the run was read: where the bars of attempts still running end. */
  now: number;
}) {
  const bars = barsOf(run, attempts, now);
  if (bars.length === 0) return <p className="muted">No attempt has started yet.</p>;
  const origin = Math.min(...bars.map((bar) => bar.start));
  const span = Math.max(1, Math.max(...bars.map((bar) => bar.end)) - origin);
  const rows = [...new Set(bars.sort((a, b) => a.start - b.start).map((bar) => bar.key))];
  return (
    <div className="timeline" data-testid="timeline" role="list" aria-label="Attempts over time">
      <div className="timeline-axis">
        <span>0</span>
        <span>{formatDuration(span / 2)}</span>
        <span>{formatDuration(span)}</span>
      </div>
      {rows.map((key) => (
        <div className="timeline-row" key={key} role="listitem">
          <span className="timeline-key" title={key}>
            {key}
          </span>
          <div className="timeline-track">
            {bars
              .filter((bar) => bar.key === key)
              .map((bar, index) => (
                <span
                  key={index}
                  className="timeline-bar"
                  title={bar.title}
                  style={{
                    left: `${((bar.start - origin) / span) * 100}%`,
                    width: `max(3px, ${((bar.end - bar.start) / span) * 100}%)`,
                    background: statusColour(bar.status),
                  }}
                >
                  {bar.label}
                </span>
              ))}
          </div>
        </div>
      ))}
      {truncated && <p className="muted">Only the first attempts are shown.</p>}
    </div>
  );
}
