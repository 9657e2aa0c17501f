import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ConfirmButton } from '../app/ConfirmButton';
import { useCan } from '../app/session';
import type { ExecutorView, Stats } from './types';

/** Stats and executors every two seconds: two requests, so still one a second for the page. */
const POLL_MS = 2000;

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Tasks ended per second between the last two polls (state adjusted while rendering a new sample). */
function useRate(stats: Stats | undefined): number | undefined {
  const [sample, setSample] = useState<{ at: number; ended: number; rate?: number }>();
  if (stats) {
    const at = Date.parse(stats.generatedAt);
    const ended = ['succeeded', 'failed', 'skipped', 'cancelled'].reduce(
      (sum, status) => sum + (stats.tasks[status] ?? 0),
      0,
    );
    if (!sample || at > sample.at)
      setSample({ at, ended, rate: sample ? ((ended - sample.ended) * 1000) / (at - sample.at) : undefined });
  }
  return sample?.rate;
}

/** Queues per partition, executors and their load, backlog and paused queues; queue controls for the operator. */
export function OperationsPage() {
  const operator = useCan('operator');
  const client = useQueryClient();
  const stats = useQuery({
    queryKey: ['ops', 'stats'],
    queryFn: () => api.get<Stats>('/admin/stats'),
    refetchInterval: POLL_MS,
    enabled: operator,
  });
  const executors = useQuery({
    queryKey: ['ops', 'executors'],
    queryFn: () => api.get<{ items: ExecutorView[] }>('/admin/executors'),
    refetchInterval: POLL_MS,
    enabled: operator,
  });
  const control = useMutation({
    mutationFn: ({ name, action }: { name: string; action: 'pause' | 'resume' | 'drain' }) =>
      api.post(`/admin/queues/${encodeURIComponent(name)}/${action}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['ops'] }),
  });
  const rate = useRate(stats.data);
  if (!operator) return <p>Operations need a key with the operator scope.</p>;
  if (stats.error) return <p className="error">{stats.error.message}</p>;
  const data = stats.data;
  const paused = data?.queues.filter((queue) => queue.paused) ?? [];
  return (
    <section aria-labelledby="ops-title">
      <h1 id="ops-title">Operations</h1>
      <p>
        <a href="/admin/queues">Raw BullMQ jobs in bull-board →</a>
      </p>
      {data && (
        <div className="cards">
          <div className="card">
            <h2>Runs</h2>
            <p>
              {data.runs.running ?? 0} running · {data.runs.pending ?? 0} pending · {data.runs.paused ?? 0} paused
            </p>
          </div>
          <div className="card">
            <h2>Backlog</h2>
            <p data-testid="backlog">
              {(data.tasks.ready ?? 0) + (data.tasks.queued ?? 0)} ready or queued (run starts answer 429 past
              API_BACKLOG_LIMIT)
            </p>
          </div>
          <div className="card">
            <h2>Throughput</h2>
            <p>{rate === undefined ? '…' : `${rate.toFixed(1)} tasks/s`}</p>
          </div>
          <div className="card">
            <h2>Executors</h2>
            <p>
              {data.executors.live} live · {data.executors.load.active}/{data.executors.capacity.concurrency} slots
            </p>
          </div>
          <div className={`card${paused.length ? ' warn' : ''}`}>
            <h2>Paused queues</h2>
            <p>{paused.length === 0 ? 'none' : paused.map((queue) => queue.name).join(', ')}</p>
          </div>
        </div>
      )}
      <h2>Partitions</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Queues</th>
              <th scope="col">Waiting</th>
              <th scope="col">Active</th>
              <th scope="col">Delayed</th>
              <th scope="col">Paused jobs</th>
            </tr>
          </thead>
          <tbody>
            {data?.partitions.map((partition) => (
              <tr key={partition.partition}>
                <td>{partition.partition}</td>
                <td>
                  {partition.queues}
                  {partition.pausedQueues > 0 && <span className="error"> ({partition.pausedQueues} paused)</span>}
                </td>
                <td>{partition.waiting}</td>
                <td>{partition.active}</td>
                <td>{partition.delayed}</td>
                <td>{partition.paused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Queues</h2>
      <div className="table-wrap">
        <table data-testid="queues">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Depth</th>
              <th scope="col">Active</th>
              <th scope="col">State</th>
              <th scope="col">Controls</th>
            </tr>
          </thead>
          <tbody>
            {data?.queues.map((queue) => (
              <tr key={queue.name}>
                <td className="mono">{queue.name}</td>
                <td>{queue.counts.waiting + queue.counts.paused + queue.counts.delayed}</td>
                <td>{queue.counts.active}</td>
                <td>{queue.paused ? <strong className="error">paused</strong> : 'running'}</td>
                <td className="row">
                  {queue.paused ? (
                    <ConfirmButton
                      label="Resume"
                      question={`Resume ${queue.name}?`}
                      onConfirm={() => control.mutate({ name: queue.name, action: 'resume' })}
                    />
                  ) : (
                    <ConfirmButton
                      label="Pause"
                      question={`Pause ${queue.name}? Executors stop taking its jobs.`}
                      onConfirm={() => control.mutate({ name: queue.name, action: 'pause' })}
                    />
                  )}
                  <ConfirmButton
                    label="Drain"
                    danger
                    question={`Drain ${queue.name}? Its waiting jobs are removed and their tasks go back to ready.`}
                    onConfirm={() => control.mutate({ name: queue.name, action: 'drain' })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {control.error && <p className="error">{control.error.message}</p>}
      <h2>Executors</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Executor</th>
              <th scope="col">Task types</th>
              <th scope="col">Slots</th>
              <th scope="col">CPU</th>
              <th scope="col">Memory</th>
            </tr>
          </thead>
          <tbody>
            {executors.data?.items.map((executor) => (
              <tr key={executor.id}>
                <td className="mono">
                  {executor.hostname}:{executor.pid}
                </td>
                <td>{executor.taskTypes.join(', ')}</td>
                <td>
                  {executor.load.active}/{executor.capacity.concurrency} ({percent(executor.utilisation.slots)})
                </td>
                <td>
                  {executor.load.cpu}/{executor.capacity.cpu} ({percent(executor.utilisation.cpu)})
                </td>
                <td>
                  {executor.load.memoryMb}/{executor.capacity.memoryMb} MB ({percent(executor.utilisation.memory)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
