import type { Client } from 'pg';

/**
 * PostgreSQL's own account of the statements a phase ran, from
 * `pg_stat_statements` (`--statement-stats`): calls, execution time and,
 * with `pg_stat_statements.track_planning`, planning time per statement,
 * for the bench database only. The extension must be preloaded, which takes
 * a server restart; `bench/scripts/statement-stats-server.sh` starts a
 * private server that has it, for the bench alone.
 */

/** Cumulative counters of one statement, as the view holds them. */
interface StatementCounters {
  text: string;
  calls: number;
  execMs: number;
  planMs: number;
}

export type StatementSnapshot = Map<string, StatementCounters>;

export interface StatementCost {
  /** The normalized text, whitespace collapsed, cut to TEXT_CHARS. */
  statement: string;
  callsPerRun: number;
  /** Execution and planning, µs per call. */
  usPerCall: number;
  /** Share of that time spent planning, % (0 without track_planning). */
  planningPercent: number;
}

export interface StatementsPerRun {
  callsPerRun: number;
  /** Execution and planning of every statement, ms per run. */
  msPerRun: number;
  planningPercent: number;
  /** False when the server does not time planning: planningPercent then says nothing. */
  planningTracked: boolean;
  /** The statements that took the most time, most first. */
  top: StatementCost[];
}

const TOP = 8;
const TEXT_CHARS = 120;

export class StatementStats {
  private constructor(
    private readonly db: Client,
    private readonly planningTracked: boolean,
  ) {}

  /** Installs the view in the bench database; refuses, saying how to get one, when the server did not preload it. */
  static async open(db: Client): Promise<StatementStats> {
    const preloaded = await db.query<{ libraries: string; planning: string | null }>(
      `SELECT current_setting('shared_preload_libraries') AS libraries,
              current_setting('pg_stat_statements.track_planning', true) AS planning`,
    );
    const { libraries, planning } = preloaded.rows[0]!;
    if (!libraries.split(',').some((library) => library.trim() === 'pg_stat_statements')) {
      throw new Error(
        '--statement-stats needs a server with shared_preload_libraries = pg_stat_statements; ' +
          'bench/scripts/statement-stats-server.sh start starts one on a free port, then pass its --postgres URL',
      );
    }
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new StatementStats(db, planning === 'on');
  }

  async snapshot(): Promise<StatementSnapshot> {
    const { rows } = await this.db.query<{
      id: string;
      text: string;
      calls: string;
      exec_ms: number;
      plan_ms: number;
    }>(
      `SELECT s.userid || ':' || s.queryid AS id, s.query AS text, s.calls,
              s.total_exec_time AS exec_ms, s.total_plan_time AS plan_ms
         FROM pg_stat_statements s
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.toplevel`,
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { text: row.text, calls: Number(row.calls), execMs: row.exec_ms, planMs: row.plan_ms },
      ]),
    );
  }

  /** What the statements run between the two snapshots cost per run; the bench's own reads are among them, and small. */
  perRun(before: StatementSnapshot, after: StatementSnapshot, runs: number): StatementsPerRun {
    return statementsPerRun(before, after, runs, this.planningTracked);
  }
}

export function statementsPerRun(
  before: StatementSnapshot,
  after: StatementSnapshot,
  runs: number,
  planningTracked: boolean,
): StatementsPerRun {
  const per = Math.max(1, runs);
  const spent = [...after].flatMap(([id, now]) => {
    const then = before.get(id);
    const calls = now.calls - (then?.calls ?? 0);
    if (calls <= 0) return [];
    return [
      {
        text: now.text,
        calls,
        execMs: now.execMs - (then?.execMs ?? 0),
        planMs: now.planMs - (then?.planMs ?? 0),
      },
    ];
  });
  const totalMs = spent.reduce((sum, s) => sum + s.execMs + s.planMs, 0);
  const planMs = spent.reduce((sum, s) => sum + s.planMs, 0);
  const percent = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 1) : 0);
  return {
    callsPerRun: round(spent.reduce((sum, s) => sum + s.calls, 0) / per, 2),
    msPerRun: round(totalMs / per, 3),
    planningPercent: percent(planMs, totalMs),
    planningTracked,
    top: spent
      .sort((a, b) => b.execMs + b.planMs - (a.execMs + a.planMs))
      .slice(0, TOP)
      .map((s) => ({
        statement: s.text.replace(/\s+/g, ' ').trim().slice(0, TEXT_CHARS),
        callsPerRun: round(s.calls / per, 2),
        usPerCall: round((1000 * (s.execMs + s.planMs)) / s.calls, 0),
        planningPercent: percent(s.planMs, s.execMs + s.planMs),
      })),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

const SHOWN = 5;

/** Report rows: the phase's statement time per run, then the statements that took most of it. */
export function statementRows(label: string, stats: StatementsPerRun): [string, string, string][] {
  const planning = (percent: number) => (stats.planningTracked ? `, ${percent} % planning` : '');
  return [
    [
      `statements per run, ${label}`,
      `${stats.msPerRun.toFixed(3)} ms`,
      `${stats.callsPerRun.toFixed(2)} calls${planning(stats.planningPercent)} (pg_stat_statements)`,
    ],
    ...stats.top
      .slice(0, SHOWN)
      .map((cost): [string, string, string] => [
        '',
        `${cost.usPerCall} µs`,
        `× ${cost.callsPerRun.toFixed(2)}/run${planning(cost.planningPercent)}: ${cost.statement.slice(0, 70)}`,
      ]),
  ];
}
