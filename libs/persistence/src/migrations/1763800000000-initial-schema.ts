import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflow_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        version integer NOT NULL,
        checksum text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_workflow_definitions_name_version UNIQUE (name, version)
      )`);
    await db.query(`CREATE INDEX ix_workflow_definitions_name_checksum ON workflow_definitions (name, checksum)`);

    await db.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY,
        definition_id uuid NOT NULL REFERENCES workflow_definitions (id),
        workflow_name text NOT NULL,
        workflow_version integer NOT NULL,
        status text NOT NULL,
        priority smallint NOT NULL,
        input jsonb NOT NULL,
        output jsonb,
        error jsonb,
        tenant text NOT NULL DEFAULT 'default',
        idempotency_key text,
        tags text[] NOT NULL DEFAULT '{}',
        parent_task_id uuid,
        tasks_remaining integer NOT NULL,
        deadline_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Idempotency is scoped to a tenant's workflow: the same key on two workflows is two runs.
    await db.query(`
      CREATE UNIQUE INDEX uq_runs_idempotency ON runs (tenant, workflow_name, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    // Cursor pagination walks (created_at, id) descending, optionally narrowed by workflow or status.
    await db.query(`CREATE INDEX ix_runs_created ON runs (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_runs_workflow_created ON runs (workflow_name, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_runs_status_created ON runs (status, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_runs_tags ON runs USING gin (tags)`);
    await db.query(`
      CREATE INDEX ix_runs_deadline ON runs (deadline_at)
      WHERE deadline_at IS NOT NULL AND status IN ('pending', 'running', 'paused')`);
    await db.query(`CREATE INDEX ix_runs_parent_task ON runs (parent_task_id) WHERE parent_task_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        key text NOT NULL,
        kind text NOT NULL,
        type text,
        status text NOT NULL,
        priority smallint NOT NULL,
        attempt integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        timeout_ms integer NOT NULL,
        input jsonb,
        output jsonb,
        error jsonb,
        queue text,
        retry jsonb,
        deps_total integer NOT NULL DEFAULT 0,
        deps_succeeded integer NOT NULL DEFAULT 0,
        deps_failed integer NOT NULL DEFAULT 0,
        deps_skipped integer NOT NULL DEFAULT 0,
        parent_task_id uuid REFERENCES tasks (id) ON DELETE CASCADE,
        item_index integer,
        children_total integer NOT NULL DEFAULT 0,
        children_remaining integer NOT NULL DEFAULT 0,
        children_failed integer NOT NULL DEFAULT 0,
        available_at timestamptz,
        dispatch_at timestamptz,
        queued_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        executor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_tasks_run_key ON tasks (run_id, key) WHERE parent_task_id IS NULL`);
    await db.query(`
      CREATE UNIQUE INDEX uq_tasks_parent_item ON tasks (parent_task_id, item_index)
      WHERE parent_task_id IS NOT NULL`);
    // The router's claim reads ready rows in dispatch order; the reconciler scans queued and running rows.
    await db.query(`CREATE INDEX ix_tasks_dispatch ON tasks (dispatch_at) WHERE status = 'ready'`);
    await db.query(`CREATE INDEX ix_tasks_queued ON tasks (queued_at) WHERE status = 'queued'`);
    await db.query(`CREATE INDEX ix_tasks_running ON tasks (executor_id) WHERE status = 'running'`);

    await db.query(`
      CREATE TABLE task_attempts (
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        run_id uuid NOT NULL,
        status text NOT NULL,
        error jsonb,
        executor_id uuid,
        started_at timestamptz,
        finished_at timestamptz NOT NULL DEFAULT now(),
        duration_ms integer,
        logs jsonb,
        PRIMARY KEY (task_id, attempt)
      )`);

    await db.query(`
      CREATE TABLE task_types (
        type text PRIMARY KEY,
        plugin text NOT NULL,
        plugin_version text NOT NULL,
        description text NOT NULL,
        input_schema jsonb NOT NULL,
        output_schema jsonb NOT NULL,
        resources jsonb NOT NULL,
        retry jsonb,
        isolation text NOT NULL,
        batch jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE executors (
        id uuid PRIMARY KEY,
        hostname text NOT NULL,
        pid integer NOT NULL,
        task_types text[] NOT NULL,
        queues text[] NOT NULL,
        capacity jsonb NOT NULL,
        load jsonb NOT NULL DEFAULT '{}',
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz
      )`);
    await db.query(`CREATE INDEX ix_executors_heartbeat ON executors (heartbeat_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['executors', 'task_types', 'task_attempts', 'tasks', 'runs', 'workflow_definitions']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
