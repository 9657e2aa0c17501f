// Generated from docs/openapi.json by openapi-typescript (npm run openapi). Do not edit.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface paths {
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workflows
         * @description The workflows the caller owns or was shared, each with its latest version, by name then owner.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["WorkflowsController_list"];
        put?: never;
        /**
         * Register a workflow definition
         * @description Versioned and immutable: a changed definition becomes the next version of the caller's tenant's workflow; an identical one answers the latest version. The body is checked against this schema, then as a DAG (unknown or cyclic dependencies, template references, task types and their inputs).
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["WorkflowsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the latest version of a workflow
         * @description Needs an API key with the `read` scope.
         */
        get: operations["WorkflowsController_latest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one version of a workflow
         * @description Needs an API key with the `read` scope.
         */
        get: operations["WorkflowsController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a run
         * @description The run belongs to the caller's tenant. The same `idempotencyKey` starts the same run once.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["WorkflowsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}/runs:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start many runs
         * @description Starts up to API_RUN_BATCH_MAX runs of the workflow in one request, written together, and answers each item in order: `created`, `existing` (its idempotency key matched an earlier run, or an earlier item of the batch) or `rejected` with the error its own `POST /workflows/{name}/runs` would have answered. A rejected item does not stop the others. The path ends in `runs:batch`, a literal colon.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["WorkflowsController_startBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenants a workflow is shared with
         * @description Needs an API key with the `read` scope.
         */
        get: operations["WorkflowSharesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}/shares/{tenant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Share a workflow with another tenant
         * @description Needs an API key with the `admin` scope.
         */
        put: operations["WorkflowSharesController_share"];
        post?: never;
        /**
         * Stop sharing a workflow with a tenant
         * @description Needs an API key with the `admin` scope.
         */
        delete: operations["WorkflowSharesController_unshare"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search runs
         * @description Newest first, paged with an exact cursor: paging never skips or repeats a run.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["RunsController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a run with its tasks
         * @description Needs an API key with the `read` scope.
         */
        get: operations["RunsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/tasks/{key}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the attempts and logs of a task
         * @description Each attempt of the task with its log lines (bounded per attempt); `?index=` picks one forEach item.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["RunsController_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run
         * @description Needs an API key with the `submit` scope.
         */
        post: operations["RunsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a run
         * @description Needs an API key with the `submit` scope.
         */
        post: operations["RunsController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a run
         * @description Needs an API key with the `submit` scope.
         */
        post: operations["RunsController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed run
         * @description Needs an API key with the `submit` scope.
         */
        post: operations["RunsController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a run's child runs
         * @description The sub-workflow runs this run started, oldest first, each with the task (and forEach item) that started it.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["RunViewsController_children"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a run's attempts
         * @description Every finished attempt of the run's top-level tasks (forEach items left out), in start order, without log lines.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["RunViewsController_attempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/signals/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signal to a run
         * @description Delivered to the task of the run that waits for this signal name (waitFor.signal) the longest, whose output the payload becomes; kept for the next task that waits for it when none does yet. The same signalId twice is delivered once.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["SignalsController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List schedules
         * @description In name order, paged with an exact cursor.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["SchedulesController_list"];
        put?: never;
        /**
         * Create a schedule
         * @description Starts runs of a workflow of your tenant on a cron expression or an interval, from the routers.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["SchedulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a schedule
         * @description Needs an API key with the `read` scope.
         */
        get: operations["SchedulesController_get"];
        /**
         * Replace a schedule
         * @description Every field anew; fire times count from now.
         *
         *     Needs an API key with the `submit` scope.
         */
        put: operations["SchedulesController_replace"];
        post?: never;
        /**
         * Delete a schedule
         * @description Its runs are kept.
         *
         *     Needs an API key with the `submit` scope.
         */
        delete: operations["SchedulesController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a schedule
         * @description Needs an API key with the `submit` scope.
         */
        post: operations["SchedulesController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a schedule
         * @description Fires from now on; fire times that passed while paused are not caught up.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["SchedulesController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start one run of a schedule now
         * @description Outside its fire times, whatever its overlap policy; also while paused.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["SchedulesController_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{name}/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start one run per fire time in a window
         * @description Each fire time in [from, to] (inside startAt/endAt) gets its run; one that already has its run keeps it. At most SCHEDULE_BACKFILL_MAX fire times.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["SchedulesController_backfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish an event
         * @description Starts a run of every latest workflow of your tenant whose `on` names the event and whose `when` holds, the payload as input. The event is kept with the runs it started.
         *
         *     Needs an API key with the `submit` scope.
         */
        post: operations["EventsController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/task-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List task types
         * @description Task types published by executors, with input/output JSON Schema and resource profile.
         *
         *     Needs an API key with the `read` scope.
         */
        get: operations["TaskTypesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schemas/workflow-definition.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The workflow definition JSON Schema
         * @description For editors: `# yaml-language-server: $schema=<this URL>` at the top of a YAML definition, or `json.schemas` in VS Code. The same schema validates `POST /api/v1/workflows`.
         *
         *     No API key needed.
         */
        get: operations["SchemasController_workflowDefinition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Redis are reachable */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The caller's tenant only, unless the key is an operator's.
         *
         *     Needs an API key with the `admin` scope.
         */
        get: operations["ApiKeysController_list"];
        put?: never;
        /**
         * Create an API key
         * @description Needs an API key with the `admin` scope.
         */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Needs an API key with the `admin` scope.
         */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cluster statistics
         * @description Needs an API key with the `operator` scope.
         */
        get: operations["AdminController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List queues
         * @description Needs an API key with the `operator` scope.
         */
        get: operations["AdminController_listQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a queue
         * @description Needs an API key with the `operator` scope.
         */
        post: operations["AdminController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a queue
         * @description Needs an API key with the `operator` scope.
         */
        post: operations["AdminController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{name}/drain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drain a queue
         * @description Needs an API key with the `operator` scope.
         */
        post: operations["AdminController_drain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/executors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List live executors
         * @description Needs an API key with the `operator` scope.
         */
        get: operations["AdminController_executors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants/{tenant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a tenant's dispatch weight
         * @description Within a priority class the routers share each dispatch batch between tenants in weighted round-robin: weight 3 gets three tasks to weight 1's one.
         *
         *     Needs an API key with the `operator` scope.
         */
        put: operations["FlowControlController_setWeight"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/concurrency-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the busiest concurrency keys
         * @description Needs an API key with the `operator` scope.
         */
        get: operations["FlowControlController_busiestKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rate-limit-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the busiest rate-limit buckets
         * @description Needs an API key with the `operator` scope.
         */
        get: operations["FlowControlController_busiestRateKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            tenant: string;
            scopes: ("operator" | "admin" | "submit" | "read")[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            revokedAt: string | null;
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        AttemptBar: {
            taskKey: string;
            attempt: number;
            /** @description How the attempt ended, e.g. succeeded, failed, interrupted. */
            status: string;
            /** Format: uuid */
            executorId: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string;
            durationMs: number | null;
        };
        AttemptBars: {
            items: components["schemas"]["AttemptBar"][];
            /** @description More attempts exist than `limit` allowed. */
            truncated: boolean;
        };
        /**
         * @example {
         *       "from": "2026-01-01T00:00:00Z",
         *       "to": "2026-01-02T00:00:00Z"
         *     }
         */
        Backfill: {
            /**
             * Format: date-time
             * @description The window start (included).
             */
            from: string;
            /**
             * Format: date-time
             * @description The window end (included).
             */
            to: string;
        };
        BackfillResult: {
            /** @description One run per fire time in the window, in order. */
            runs: {
                /** Format: date-time */
                fireTime: string;
                /** Format: uuid */
                id: string;
                /** @description False when that fire time already had its run, which is listed. */
                created: boolean;
            }[];
        };
        ChildRun: {
            /** @description The task of this run that started the child run. */
            taskKey: string;
            /** @description The forEach item that started it, if any. */
            index?: number;
            /** Format: uuid */
            id: string;
            workflow: string;
            version: number;
            status: components["schemas"]["RunStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
        };
        ChildRuns: {
            items: components["schemas"]["ChildRun"][];
            /** @description More child runs exist than `limit` allowed. */
            truncated: boolean;
        };
        ConcurrencyKeyList: {
            items: components["schemas"]["ConcurrencyKeyUsage"][];
        };
        ConcurrencyKeyUsage: {
            tenant: string;
            /** @description The rendered concurrency key. */
            key: string;
            /** @description Tasks with this key queued or running now. */
            held: number;
            /** @description The limit its tasks carry. */
            limit: number | null;
            /** @description Ready tasks with this key. */
            waiting: number;
        };
        /**
         * @example {
         *       "name": "ci-pipeline",
         *       "tenant": "acme",
         *       "scopes": [
         *         "submit"
         *       ]
         *     }
         */
        CreateApiKey: {
            /** @description What the key is for; shown in the list. */
            name: string;
            /** @description The tenant whose runs and workflows the key creates and sees; the caller's tenant when absent. Another tenant needs an operator key. */
            tenant?: string;
            /** @description operator (every tenant; only an operator key grants it) implies admin (its own tenant), which implies submit, which implies read. */
            scopes: ("operator" | "admin" | "submit" | "read")[];
        };
        CreatedApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            tenant: string;
            scopes: ("operator" | "admin" | "submit" | "read")[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The key itself, for `Authorization: Bearer <key>`. Shown only in this response. */
            key: string;
        };
        /**
         * @example {
         *       "name": "nightly-report",
         *       "workflow": "report",
         *       "cron": "0 2 * * *",
         *       "timezone": "Europe/Berlin"
         *     }
         */
        CreateSchedule: {
            /** @description The workflow to start (of your tenant). */
            workflow: string;
            /** @description Pin a version; the latest at each fire when absent. */
            version?: number;
            /** @description A cron expression: 5 fields, or 6 with seconds first. Give `cron` or `every`. */
            cron?: string;
            /** @description A fixed interval: a number and ms, s, m, h or d ("15m"), counted from startAt or from creation. */
            every?: string;
            /**
             * @description The IANA time zone `cron` is read in.
             * @default UTC
             */
            timezone: string;
            /**
             * @description Each run's input.
             * @default {}
             */
            input: components["schemas"]["JsonValue"];
            priority?: components["schemas"]["Priority"];
            /** @default [] */
            tags: string[];
            /**
             * @description When the schedule's previous run is still active at a fire time: skip the fire time, allow a second run, buffer_one (start the latest held fire time when it ends), cancel_running (cancel it, start anew).
             * @default skip
             * @enum {string}
             */
            overlap: "skip" | "allow" | "buffer_one" | "cancel_running";
            /**
             * @description Fire times missed while no router ran (later than SCHEDULE_MISFIRE_GRACE_MS): none, latest (one run for the gap), all (at most SCHEDULE_CATCH_UP_MAX, the latest).
             * @default latest
             * @enum {string}
             */
            catchUp: "none" | "latest" | "all";
            /**
             * @description Each run starts up to this much after its fire time (a fixed offset per fire time): spreads schedules that share a time.
             * @default 0
             */
            jitterMs: number;
            /**
             * Format: date-time
             * @description No fire time before this instant.
             */
            startAt?: string;
            /**
             * Format: date-time
             * @description No fire time after this instant.
             */
            endAt?: string;
            /** @default false */
            paused: boolean;
            /** @description Unique within your tenant. */
            name: string;
        };
        /**
         * @example {
         *       "statusCode": 400,
         *       "error": "ValidationError",
         *       "message": "priority: Invalid option: expected one of \"critical\"|\"high\"|\"normal\"|\"low\"",
         *       "details": [
         *         {
         *           "path": "priority",
         *           "message": "Invalid option: expected one of \"critical\"|\"high\"|\"normal\"|\"low\""
         *         }
         *       ]
         *     }
         */
        Error: {
            /** @description The HTTP status, repeated. */
            statusCode: number;
            /** @description The error class, e.g. ValidationError, InvalidDefinition, NotFoundError. */
            error: string;
            /** @description What went wrong, for a human. */
            message: string;
            /** @description For validation errors: `[{ path, message }]`, one item per offending field. */
            details?: unknown;
        };
        ErrorInfo: {
            /** @description The error class, e.g. TaskTimeoutError, TasksFailed, Cancelled. */
            name?: string;
            message: string;
            /** @description For a skipped task: why (condition, trigger). */
            reason?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Start a run of the latest version when this event arrives. */
        EventTrigger: {
            /** @description The event name (POST /api/v1/events). */
            event: string;
            /** @description A JSONata condition on the event, e.g. "event.payload.total > 100"; absent means every such event. */
            when?: string;
        };
        /**
         * @example {
         *       "id": "0f8e7c7e-5f1f-4a55-9d8e-3f0f6e2b1a77",
         *       "hostname": "worker-1",
         *       "pid": 4242,
         *       "taskTypes": [
         *         "core.noop",
         *         "core.sleep"
         *       ],
         *       "queues": 8,
         *       "capacity": {
         *         "cpu": 2,
         *         "memoryMb": 2048,
         *         "concurrency": 64
         *       },
         *       "load": {
         *         "cpu": 0.5,
         *         "memoryMb": 256,
         *         "active": 5
         *       },
         *       "utilisation": {
         *         "cpu": 0.25,
         *         "memory": 0.125,
         *         "slots": 0.078
         *       },
         *       "startedAt": "2025-11-22T09:00:00.000Z",
         *       "heartbeatAt": "2025-11-22T09:30:02.000Z"
         *     }
         */
        Executor: {
            /** Format: uuid */
            id: string;
            hostname: string;
            pid: number;
            /** @description Task types it serves. */
            taskTypes: string[];
            /** @description How many queues it polls. */
            queues: number;
            capacity: {
                cpu: number;
                memoryMb: number;
                concurrency: number;
            };
            /** @description As of its last heartbeat. */
            load: {
                cpu: number;
                memoryMb: number;
                active: number;
            };
            /** @description load / capacity per resource, 0..1. */
            utilisation: {
                cpu: number;
                memory: number;
                slots: number;
            };
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            heartbeatAt: string;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "0f8e7c7e-5f1f-4a55-9d8e-3f0f6e2b1a77",
         *           "hostname": "worker-1",
         *           "pid": 4242,
         *           "taskTypes": [
         *             "core.noop",
         *             "core.sleep"
         *           ],
         *           "queues": 8,
         *           "capacity": {
         *             "cpu": 2,
         *             "memoryMb": 2048,
         *             "concurrency": 64
         *           },
         *           "load": {
         *             "cpu": 0.5,
         *             "memoryMb": 256,
         *             "active": 5
         *           },
         *           "utilisation": {
         *             "cpu": 0.25,
         *             "memory": 0.125,
         *             "slots": 0.078
         *           },
         *           "startedAt": "2025-11-22T09:00:00.000Z",
         *           "heartbeatAt": "2025-11-22T09:30:02.000Z"
         *         }
         *       ]
         *     }
         */
        ExecutorList: {
            items: components["schemas"]["Executor"][];
        };
        /** @description A JSON Schema (draft-07) document. */
        JsonSchemaDocument: {
            $schema: string;
            definitions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Any JSON value. */
        JsonValue: JsonValue;
        LogLine: {
            /** Format: date-time */
            ts: string;
            /** @enum {string} */
            level: "debug" | "info" | "warn" | "error";
            msg: string;
            fields?: {
                [key: string]: unknown;
            };
        };
        PartitionStats: {
            /** @description Jobs an executor may take now (0 while the queue is paused). */
            waiting: number;
            /** @description Jobs executors are running. */
            active: number;
            /** @description Jobs scheduled for later. */
            delayed: number;
            /** @description Jobs BullMQ holds as failed (task failures are recorded in PostgreSQL, so normally 0). */
            failed: number;
            /** @description Jobs waiting in a paused queue. */
            paused: number;
            partition: number;
            /** @description Queues of this partition (one per executor pool). */
            queues: number;
            pausedQueues: number;
        };
        /**
         * @description A priority class: critical tasks are dispatched first, low ones last.
         * @enum {string}
         */
        Priority: "critical" | "high" | "normal" | "low";
        PublishedEvent: {
            /**
             * Format: uuid
             * @description The stored event.
             */
            id: string;
            /** @description One run per matching workflow (latest version of each). */
            runs: {
                workflow: string;
                version: number;
                /** Format: uuid */
                runId: string;
            }[];
            /** @description Listening workflows that started no run: their condition failed, or the payload does not fit their inputSchema. */
            refused: {
                workflow: string;
                message: string;
            }[];
        };
        /**
         * @example {
         *       "name": "order.created",
         *       "payload": {
         *         "orderId": "A-1001",
         *         "total": 250
         *       },
         *       "idempotencyKey": "order-A-1001"
         *     }
         */
        PublishEvent: {
            /** @description The event name workflows listen to in their `on`. */
            name: string;
            /**
             * @description Each started run's input; conditions read it as event.payload.
             * @default {}
             */
            payload: components["schemas"]["JsonValue"];
            /** @description The same key (per tenant) is one event: a repeat starts nothing new and answers the same runs. */
            idempotencyKey?: string;
        };
        /**
         * @example {
         *       "name": "tasks-{0001}-default",
         *       "partition": 1,
         *       "pool": "default",
         *       "paused": false,
         *       "counts": {
         *         "waiting": 12,
         *         "active": 4,
         *         "delayed": 0,
         *         "failed": 0,
         *         "paused": 0
         *       }
         *     }
         */
        Queue: {
            /** @description The BullMQ queue: one per (partition, executor pool). */
            name: string;
            partition: number;
            /** @description The executor pool whose task types this queue carries (QUEUE_POOLS). */
            pool: string;
            /** @description Paused: executors take nothing from it and the router stops feeding it. */
            paused: boolean;
            counts: components["schemas"]["QueueCounts"];
        };
        /**
         * @example {
         *       "name": "tasks-{0001}-default",
         *       "action": "drained",
         *       "paused": true,
         *       "returnedToReady": 12,
         *       "counts": {
         *         "waiting": 0,
         *         "active": 4,
         *         "delayed": 0,
         *         "failed": 0,
         *         "paused": 0
         *       }
         *     }
         */
        QueueAction: {
            name: string;
            /** @enum {string} */
            action: "paused" | "resumed" | "drained";
            paused: boolean;
            /** @description drain only: tasks whose waiting jobs were removed, back to "ready" in PostgreSQL to be dispatched again. */
            returnedToReady?: number;
            counts: components["schemas"]["QueueCounts"];
        };
        QueueCounts: {
            /** @description Jobs an executor may take now (0 while the queue is paused). */
            waiting: number;
            /** @description Jobs executors are running. */
            active: number;
            /** @description Jobs scheduled for later. */
            delayed: number;
            /** @description Jobs BullMQ holds as failed (task failures are recorded in PostgreSQL, so normally 0). */
            failed: number;
            /** @description Jobs waiting in a paused queue. */
            paused: number;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "name": "tasks-{0001}-default",
         *           "partition": 1,
         *           "pool": "default",
         *           "paused": false,
         *           "counts": {
         *             "waiting": 12,
         *             "active": 4,
         *             "delayed": 0,
         *             "failed": 0,
         *             "paused": 0
         *           }
         *         }
         *       ]
         *     }
         */
        QueueList: {
            items: components["schemas"]["Queue"][];
        };
        RateLimitKeyList: {
            items: components["schemas"]["RateLimitKeyUsage"][];
        };
        RateLimitKeyUsage: {
            /** @description The tenant whose bucket it is; null for a task type's default bucket, shared by every tenant. */
            tenant: string | null;
            /** @description The rendered rate-limit key, or `@type:<type>` / `@shared:<name>` for a type default. */
            key: string;
            /** @description Permits granted in the current window. */
            used: number;
            /** @description The limit its ready tasks carry; null when none is ready. */
            limit: number | null;
            /** @description The window its ready tasks carry; null when none is ready. */
            periodMs: number | null;
            /** @description Ready tasks in this bucket. */
            waiting: number;
        };
        /**
         * @example {
         *       "name": "order-fulfilment",
         *       "version": 2
         *     }
         */
        RegisteredWorkflow: {
            name: string;
            version: number;
        };
        ReplaceSchedule: {
            /** @description The workflow to start (of your tenant). */
            workflow: string;
            /** @description Pin a version; the latest at each fire when absent. */
            version?: number;
            /** @description A cron expression: 5 fields, or 6 with seconds first. Give `cron` or `every`. */
            cron?: string;
            /** @description A fixed interval: a number and ms, s, m, h or d ("15m"), counted from startAt or from creation. */
            every?: string;
            /**
             * @description The IANA time zone `cron` is read in.
             * @default UTC
             */
            timezone: string;
            /**
             * @description Each run's input.
             * @default {}
             */
            input: components["schemas"]["JsonValue"];
            priority?: components["schemas"]["Priority"];
            /** @default [] */
            tags: string[];
            /**
             * @description When the schedule's previous run is still active at a fire time: skip the fire time, allow a second run, buffer_one (start the latest held fire time when it ends), cancel_running (cancel it, start anew).
             * @default skip
             * @enum {string}
             */
            overlap: "skip" | "allow" | "buffer_one" | "cancel_running";
            /**
             * @description Fire times missed while no router ran (later than SCHEDULE_MISFIRE_GRACE_MS): none, latest (one run for the gap), all (at most SCHEDULE_CATCH_UP_MAX, the latest).
             * @default latest
             * @enum {string}
             */
            catchUp: "none" | "latest" | "all";
            /**
             * @description Each run starts up to this much after its fire time (a fixed offset per fire time): spreads schedules that share a time.
             * @default 0
             */
            jitterMs: number;
            /**
             * Format: date-time
             * @description No fire time before this instant.
             */
            startAt?: string;
            /**
             * Format: date-time
             * @description No fire time after this instant.
             */
            endAt?: string;
            /** @default false */
            paused: boolean;
        };
        /** @description Overrides of the task type's retry policy; unset fields keep it. */
        RetryPolicy: {
            maxAttempts?: number;
            /** @enum {string} */
            backoff?: "fixed" | "exponential";
            delayMs?: number;
            maxDelayMs?: number;
            jitter?: boolean;
        };
        Run: {
            /** Format: uuid */
            id: string;
            workflow: string;
            version: number;
            status: components["schemas"]["RunStatus"];
            priority: components["schemas"]["Priority"];
            /** @description Any JSON value (null when absent). */
            input: unknown;
            /** @description Any JSON value (null when absent). */
            output: unknown;
            error: components["schemas"]["ErrorInfo"] | (null);
            tags: string[];
            /**
             * Format: uuid
             * @description For a sub-workflow run: the task of the parent run it runs for.
             */
            parentTaskId: string | null;
            /**
             * Format: date-time
             * @description A delayed run's start time: the run is `scheduled` until then (null: started at once).
             */
            startAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description The run's workflow concurrency key; null when its workflow has none. */
            concurrency: components["schemas"]["RunConcurrencyKey"] | (null);
            /** @description Top-level tasks in definition order. */
            tasks: components["schemas"]["Task"][];
        };
        RunBatchItem: {
            /**
             * @description Started by this request (201 on its own).
             * @enum {string}
             */
            result: "created";
            /** Format: uuid */
            id: string;
            status: components["schemas"]["RunStatus"];
            workflow: string;
            /** @description The version the run is pinned to. */
            version: number;
        } | {
            /**
             * @description Its idempotency key matched an earlier run, or an earlier item of this batch: that run.
             * @enum {string}
             */
            result: "existing";
            /** Format: uuid */
            id: string;
            status: components["schemas"]["RunStatus"];
            workflow: string;
            /** @description The version the run is pinned to. */
            version: number;
        } | {
            /**
             * @description Not started; `error` is what the single start would have answered.
             * @enum {string}
             */
            result: "rejected";
            error: components["schemas"]["Error"];
        };
        RunBatchResult: {
            created: number;
            existing: number;
            rejected: number;
            /** @description One result per item of the request, in its order. */
            items: components["schemas"]["RunBatchItem"][];
        };
        /** @description At most `limit` runs with the same rendered key (within the run's tenant) are active at once, across every router; what happens to the others is `onLimit`. */
        RunConcurrency: {
            /** @description The key runs share a limit under: text with templates on the run, e.g. "{{ run.input.customer }}". */
            key: string;
            /** @description At most this many runs are active at once per rendered key. */
            limit: number;
            /**
             * @description When the key is at its limit: queue (default) waits for a slot; cancel_newest cancels the new run; cancel_oldest cancels the oldest active run and starts the new one.
             * @enum {string}
             */
            onLimit?: "queue" | "cancel_newest" | "cancel_oldest";
        };
        /** @description The run's workflow concurrency key (DESIGN §10): at most `limit` runs with this key are active at once; a `queued` run waits for one of them to end. */
        RunConcurrencyKey: {
            /** @description The workflow's concurrency key rendered for this run. */
            key: string;
            limit: number;
            /** @enum {string} */
            onLimit: "queue" | "cancel_newest" | "cancel_oldest";
        };
        RunControlResult: {
            /** Format: uuid */
            id: string;
            /** @description The run status after the action. */
            status: components["schemas"]["RunStatus"];
        };
        RunList: {
            /** @description Newest first. */
            items: components["schemas"]["RunSummary"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /** @enum {string} */
        RunStatus: "scheduled" | "queued" | "pending" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
        RunSummary: {
            /** Format: uuid */
            id: string;
            workflow: string;
            version: number;
            status: components["schemas"]["RunStatus"];
            priority: components["schemas"]["Priority"];
            /** @description Any JSON value (null when absent). */
            input: unknown;
            /** @description Any JSON value (null when absent). */
            output: unknown;
            error: components["schemas"]["ErrorInfo"] | (null);
            tags: string[];
            /**
             * Format: uuid
             * @description For a sub-workflow run: the task of the parent run it runs for.
             */
            parentTaskId: string | null;
            /**
             * Format: date-time
             * @description A delayed run's start time: the run is `scheduled` until then (null: started at once).
             */
            startAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        Schedule: {
            name: string;
            workflow: string;
            version: number | null;
            cron: string | null;
            every: string | null;
            timezone: string;
            /** @description Any JSON value. */
            input: unknown;
            priority: components["schemas"]["Priority"] | (null);
            tags: string[];
            /** @enum {string} */
            overlap: "skip" | "allow" | "buffer_one" | "cancel_running";
            /** @enum {string} */
            catchUp: "none" | "latest" | "all";
            jitterMs: number;
            /** Format: date-time */
            startAt: string | null;
            /** Format: date-time */
            endAt: string | null;
            paused: boolean;
            /** @description The next five fire times (fewer when endAt comes first); shown while paused too. */
            nextFireTimes: string[];
            /**
             * Format: date-time
             * @description The latest fire time that started a run.
             */
            lastFiredAt: string | null;
            /** @description The latest runs it started, newest first (GET one only). */
            lastRuns?: components["schemas"]["ScheduleRun"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ScheduleList: {
            items: components["schemas"]["Schedule"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        ScheduleRun: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["RunStatus"];
            /**
             * Format: date-time
             * @description The fire time it stands for; null for a run started by trigger.
             */
            fireTime: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        /**
         * @example {
         *       "payload": {
         *         "approved": true,
         *         "by": "ana"
         *       },
         *       "signalId": "approval-7f3a"
         *     }
         */
        SendSignal: {
            /**
             * @description Checked against the waiting task's waitFor.schema; becomes that task's output.
             * @default null
             */
            payload: components["schemas"]["JsonValue"];
            /** @description Makes sending idempotent: a signal with an id the run already received is not delivered again. */
            signalId?: string;
        };
        SentSignal: {
            /** Format: uuid */
            runId: string;
            name: string;
            signalId: string | null;
            /**
             * @description delivered: a waiting task took it; kept: no task waits for it yet, the next one that does takes it; duplicate: the run already received this signalId, nothing changed.
             * @enum {string}
             */
            outcome: "delivered" | "kept" | "duplicate";
            /** @description The task that took it (or took the earlier signal with this signalId). */
            taskKey: string | null;
        };
        StartedRun: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["RunStatus"];
            workflow: string;
            /** @description The version the run is pinned to. */
            version: number;
        };
        /**
         * @example {
         *       "input": {
         *         "orderId": "A-1001"
         *       },
         *       "priority": "high",
         *       "idempotencyKey": "order-A-1001"
         *     }
         */
        StartRun: {
            /**
             * @description The run input; validated against the workflow inputSchema.
             * @default {}
             */
            input: components["schemas"]["JsonValue"];
            /** @description Priority class for tasks that do not name their own. */
            priority?: components["schemas"]["Priority"];
            /** @description Pin a version; the latest when absent. */
            version?: number;
            /** @description The tenant that owns the workflow: only needed for a workflow several tenants shared with you under one name. */
            owner?: string;
            /** @description The same key starts the same run once. */
            idempotencyKey?: string;
            tags?: string[];
            /** @description The run's deadline from now, over the definition's defaults.runTimeoutMs: on expiry what has not ended is cancelled and the run fails (RunTimeout). */
            timeoutMs?: number;
            /**
             * Format: date-time
             * @description Start later: the run is `scheduled` until this instant, and can be cancelled meanwhile.
             */
            startAt?: string;
            /** @description Start this many milliseconds from now (instead of `startAt`). */
            delayMs?: number;
        };
        /**
         * @example {
         *       "runs": [
         *         {
         *           "input": {
         *             "orderId": "A-1001"
         *           },
         *           "idempotencyKey": "order-A-1001"
         *         },
         *         {
         *           "input": {
         *             "orderId": "A-1002"
         *           }
         *         }
         *       ]
         *     }
         */
        StartRunBatch: {
            /** @description The runs to start, each as `POST /workflows/{name}/runs` takes it; at most API_RUN_BATCH_MAX. */
            runs: components["schemas"]["StartRun"][];
        };
        /**
         * @example {
         *       "runs": {
         *         "scheduled": 1,
         *         "queued": 2,
         *         "pending": 3,
         *         "running": 12,
         *         "paused": 0,
         *         "succeeded": 1540,
         *         "failed": 7,
         *         "cancelled": 2
         *       },
         *       "tasks": {
         *         "blocked": 40,
         *         "ready": 5,
         *         "queued": 16,
         *         "running": 4,
         *         "waiting": 3,
         *         "succeeded": 9120,
         *         "failed": 9,
         *         "skipped": 31,
         *         "cancelled": 2
         *       },
         *       "partitions": [
         *         {
         *           "partition": 1,
         *           "queues": 2,
         *           "pausedQueues": 0,
         *           "waiting": 12,
         *           "active": 4,
         *           "delayed": 0,
         *           "failed": 0,
         *           "paused": 0
         *         }
         *       ],
         *       "queues": [
         *         {
         *           "name": "tasks-{0001}-default",
         *           "partition": 1,
         *           "pool": "default",
         *           "paused": false,
         *           "counts": {
         *             "waiting": 12,
         *             "active": 4,
         *             "delayed": 0,
         *             "failed": 0,
         *             "paused": 0
         *           }
         *         }
         *       ],
         *       "executors": {
         *         "live": 1,
         *         "capacity": {
         *           "cpu": 2,
         *           "memoryMb": 2048,
         *           "concurrency": 64
         *         },
         *         "load": {
         *           "cpu": 0.5,
         *           "memoryMb": 256,
         *           "active": 5
         *         }
         *       },
         *       "generatedAt": "2025-11-22T09:30:05.000Z"
         *     }
         */
        Stats: {
            /** @description Runs by status. */
            runs: {
                scheduled: number;
                queued: number;
                pending: number;
                running: number;
                paused: number;
                succeeded: number;
                failed: number;
                cancelled: number;
            };
            /** @description Tasks by status (forEach items included). */
            tasks: {
                blocked: number;
                ready: number;
                queued: number;
                running: number;
                waiting: number;
                succeeded: number;
                failed: number;
                skipped: number;
                cancelled: number;
            };
            /** @description Queue counts summed per partition. */
            partitions: components["schemas"]["PartitionStats"][];
            queues: components["schemas"]["Queue"][];
            executors: {
                live: number;
                /** @description Summed over live executors. */
                capacity: {
                    cpu: number;
                    memoryMb: number;
                    concurrency: number;
                };
                /** @description Summed over live executors. */
                load: {
                    cpu: number;
                    memoryMb: number;
                    active: number;
                };
            };
            /** Format: date-time */
            generatedAt: string;
        };
        Task: {
            /** Format: uuid */
            id: string;
            key: string;
            /**
             * @description A task, a sub-workflow, a forEach group, one item of a group, a durable sleep, or a signal wait.
             * @enum {string}
             */
            kind: "task" | "workflow" | "foreach" | "item" | "sleep" | "signal";
            /** @description The task type (null for a sub-workflow or a forEach group). */
            type: string | null;
            status: components["schemas"]["TaskStatus"];
            attempts: number;
            /** @description Of the attempts, how many were interrupted (executor lost or shut down); they used up no retry. */
            interruptions: number;
            priority: components["schemas"]["Priority"];
            /** @description A forEach item: its index in the array. */
            index?: number;
            /** @description Any JSON value (null when absent). */
            input: unknown;
            /** @description Any JSON value (null when absent). */
            output: unknown;
            error: components["schemas"]["ErrorInfo"] | (null);
            /** Format: date-time */
            queuedAt: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description A waiting task (status waiting): what it waits for. */
            wait?: {
                /** @description A signal wait: the signal it waits for. */
                signal?: string;
                /**
                 * Format: date-time
                 * @description When it ends: a sleep's end, a signal wait's timeout (null: none).
                 */
                until: string | null;
            };
            /** @description On a task that is neither running nor ended (GET /runs/{id}): why it has not started yet. */
            waitingOn?: components["schemas"]["WaitingOn"];
            /** @description A forEach group: its items, in item order. */
            items?: components["schemas"]["TaskItem"][];
        };
        TaskAttempt: {
            attempt: number;
            /** @description How the attempt ended, e.g. succeeded, failed, interrupted. */
            status: string;
            /** Format: uuid */
            executorId: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string;
            durationMs: number | null;
            error: components["schemas"]["ErrorInfo"] | (null);
            /** @description Bounded per attempt. */
            logs: components["schemas"]["LogLine"][];
        };
        /** @description At most `limit` tasks with the same rendered key (within the run's tenant) are queued or running at once, across every router and executor; the others wait in dispatch order. */
        TaskConcurrency: {
            /** @description The key tasks share a limit under: text with templates, e.g. "{{ run.input.customer }}". */
            key: string;
            /** @description At most this many run at once per rendered key. */
            limit: number;
        };
        TaskItem: {
            /** Format: uuid */
            id: string;
            key: string;
            /**
             * @description A task, a sub-workflow, a forEach group, one item of a group, a durable sleep, or a signal wait.
             * @enum {string}
             */
            kind: "task" | "workflow" | "foreach" | "item" | "sleep" | "signal";
            /** @description The task type (null for a sub-workflow or a forEach group). */
            type: string | null;
            status: components["schemas"]["TaskStatus"];
            attempts: number;
            /** @description Of the attempts, how many were interrupted (executor lost or shut down); they used up no retry. */
            interruptions: number;
            priority: components["schemas"]["Priority"];
            /** @description A forEach item: its index in the array. */
            index?: number;
            /** @description Any JSON value (null when absent). */
            input: unknown;
            /** @description Any JSON value (null when absent). */
            output: unknown;
            error: components["schemas"]["ErrorInfo"] | (null);
            /** Format: date-time */
            queuedAt: string | null;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description A waiting task (status waiting): what it waits for. */
            wait?: {
                /** @description A signal wait: the signal it waits for. */
                signal?: string;
                /**
                 * Format: date-time
                 * @description When it ends: a sleep's end, a signal wait's timeout (null: none).
                 */
                until: string | null;
            };
            /** @description On a task that is neither running nor ended (GET /runs/{id}): why it has not started yet. */
            waitingOn?: components["schemas"]["WaitingOn"];
        };
        TaskLogs: {
            /** Format: uuid */
            runId: string;
            key: string;
            /** @description The forEach item asked for with ?index= */
            index?: number;
            attempts: components["schemas"]["TaskAttempt"][];
        };
        /** @description At most `limit` tasks with the same rendered key (within the run's tenant) are dispatched in any window of `periodMs`, across every router; the others stay ready until a permit comes back. Overrides the task type's default. */
        TaskRateLimit: {
            /** @description The bucket tasks share a rate under: text with templates, e.g. "{{ run.input.account }}". Absent: one bucket for every task of this task in the workflow, within the tenant. */
            key?: string;
            /** @description At most this many dispatched per period per rendered key. */
            limit: number;
            /** @description The sliding window the limit counts over, in ms. */
            periodMs: number;
        };
        /** @description What one attempt needs: a named profile or cpu and memory. */
        TaskResources: {
            profile?: string;
            cpu?: number;
            memoryMb?: number;
        };
        /** @description A durable sleep: the task waits (no executor slot, no queue job) and then succeeds. */
        TaskSleep: {
            /** @description How long to wait, from the moment the task becomes ready. */
            durationMs?: number;
            /** @description A template giving the ISO time to wait until, e.g. "{{ run.input.notBefore }}"; a past time ends at once. */
            until?: string;
        };
        /** @enum {string} */
        TaskStatus: "blocked" | "ready" | "queued" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
        TaskType: {
            /** @description What a task names in `type`, e.g. http.request. */
            type: string;
            description: string;
            /** @description The plugin that publishes it. */
            plugin: {
                name: string;
                version: string;
            };
            /** @description JSON Schema of the task input. */
            inputSchema: {
                [key: string]: unknown;
            };
            /** @description JSON Schema of the task output. */
            outputSchema: {
                [key: string]: unknown;
            };
            /** @description Its resource profile: what one attempt needs. */
            resources: {
                [key: string]: unknown;
            };
            /** @description The type's retry policy (null: the defaults). */
            retry: {
                [key: string]: unknown;
            } | null;
            /** @description Where its handler runs: inline, worker thread or child process. */
            isolation: string;
            /** @description How tasks of this type are batched (null: not batched). */
            batch: {
                [key: string]: unknown;
            } | null;
            /** @description The type's default rate limit {limit, periodMs, key?}: one bucket for the type across tenants (null: none). */
            rateLimit: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            updatedAt: string;
        };
        TaskTypeList: {
            items: components["schemas"]["TaskType"][];
        };
        /** @description The task waits for a signal sent to its run. */
        TaskWaitFor: {
            /** @description The name a signal is sent under: POST /api/v1/runs/{id}/signals/{name}. */
            signal: string;
            /** @description How long to wait for it; then the task fails with a timeout error. */
            timeoutMs?: number;
            /** @description JSON Schema the signal's payload must match; the payload becomes the task's output. */
            schema?: {
                [key: string]: components["schemas"]["JsonValue"];
            };
        };
        TenantWeight: {
            tenant: string;
            weight: number;
        };
        /**
         * @example {
         *       "weight": 3
         *     }
         */
        TenantWeightBody: {
            /** @description The tenant's share of dispatch against other tenants' (1 to 1000; 1 when never set). */
            weight: number;
        };
        /**
         * @description When the task runs given its parents' outcomes; all_success by default.
         * @enum {string}
         */
        TriggerRule: "all_success" | "all_done" | "one_success" | "one_failed" | "none_failed";
        WaitingOn: {
            /** @enum {string} */
            cause: "dependencies";
            /** @description Parents that have not ended yet. */
            remaining: number;
            total: number;
        } | {
            /** @enum {string} */
            cause: "run_concurrency";
            /** @description The run's rendered workflow concurrency key. */
            key: string;
            /** @description Runs with this key admitted and not ended now. */
            held: number;
            limit: number;
        } | {
            /** @enum {string} */
            cause: "run_scheduled";
            /** Format: date-time */
            startAt: string;
        } | {
            /** @enum {string} */
            cause: "run_paused";
        } | {
            /** @enum {string} */
            cause: "retry_backoff";
            /** Format: date-time */
            until: string;
        } | {
            /** @enum {string} */
            cause: "concurrency";
            /** @description The rendered concurrency key. */
            key: string;
            /** @description Tasks with this key queued or running now. */
            held: number;
            limit: number;
        } | {
            /** @enum {string} */
            cause: "rate_limit";
            /** @description The rendered rate-limit key; a task type's default bucket reads `@type:<type>` or `@shared:<name>`, a task's own without a key `@task:<workflow>/<task>`. */
            key: string;
            limit: number;
            periodMs: number;
            /** @description Permits granted in the current window (dispatches within the last periodMs). */
            used: number;
            /**
             * Format: date-time
             * @description When the bucket may next grant a permit (its next slice of the window, or a permit expiring); null when it may now, to tasks ahead of this one.
             */
            nextPermitAt: string | null;
        } | {
            /** @enum {string} */
            cause: "tenant_share";
            tenant: string;
            /** @description The tenant's weighted part of a dispatch batch. */
            share: number;
            /** @description Other tenants' ready tasks, counted up to a batch. */
            othersReady: number;
        } | {
            /** @enum {string} */
            cause: "no_executor";
            type: string;
        } | {
            /** @enum {string} */
            cause: "queue_paused";
            queue: string;
        } | {
            /** @enum {string} */
            cause: "backpressure";
            queue: string;
            depth: number;
            highWater: number;
        } | {
            /** @enum {string} */
            cause: "dispatch";
        } | {
            /** @enum {string} */
            cause: "executor_slot";
            queue: string;
        } | {
            /** @enum {string} */
            cause: "sleep";
            /** Format: date-time */
            until: string;
        } | {
            /** @enum {string} */
            cause: "signal";
            signal: string;
            /**
             * Format: date-time
             * @description When it fails for want of the signal; null: never.
             */
            timeoutAt: string | null;
        };
        /** Taskloom workflow definition */
        WorkflowDefinition: {
            name: string;
            description?: string;
            inputSchema?: {
                [key: string]: components["schemas"]["JsonValue"];
            };
            defaults?: {
                priority?: components["schemas"]["Priority"];
                timeoutMs?: number;
                retry?: components["schemas"]["RetryPolicy"];
                runTimeoutMs?: number;
                queueTimeoutMs?: number;
            };
            tasks: components["schemas"]["WorkflowTask"][];
            output?: components["schemas"]["JsonValue"];
            /** @description Events that start a run of this workflow, the event payload as its input. */
            on?: components["schemas"]["EventTrigger"][];
            concurrency?: components["schemas"]["RunConcurrency"];
        };
        WorkflowDetail: {
            name: string;
            version: number;
            owner: string;
            shared: boolean;
            /** @description Of the canonical definition: an identical definition has the same checksum. */
            checksum: string;
            definition: components["schemas"]["WorkflowDefinition"];
            /** Format: date-time */
            createdAt: string;
            /** @description Every version, oldest first. */
            versions: {
                version: number;
                checksum: string;
                /** Format: date-time */
                createdAt: string;
            }[];
        };
        WorkflowList: {
            /** @description By name, then owner. */
            items: components["schemas"]["WorkflowSummary"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /** @description A sub-workflow: its name (the latest version when the run starts) or a name and a version. */
        WorkflowReference: string | {
            name: string;
            version?: number;
        };
        WorkflowShare: {
            name: string;
            /** @description The tenant the workflow is shared with. */
            tenant: string;
            /** Format: date-time */
            createdAt: string;
        };
        WorkflowShareList: {
            items: components["schemas"]["WorkflowShare"][];
        };
        WorkflowSummary: {
            name: string;
            /** @description The tenant that owns it: the caller, or one that shared it with the caller. */
            owner: string;
            latestVersion: number;
            description: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description True when another tenant owns it and shared it with the caller (read-only). */
            shared: boolean;
        };
        /** @description One task: exactly one of 'type' (a task type), 'workflow', 'sleep' or 'waitFor'. */
        WorkflowTask: {
            /** @description Unique in the workflow; other tasks name it in dependsOn and templates. */
            key: string;
            description?: string;
            /** @description A registered task type (GET /api/v1/task-types). */
            type?: string;
            workflow?: components["schemas"]["WorkflowReference"];
            sleep?: components["schemas"]["TaskSleep"];
            waitFor?: components["schemas"]["TaskWaitFor"];
            /** @description The task input: JSON whose strings may hold templates, e.g. "{{ run.input.url }}", "{{ tasks.fetch.output.body }}", "{{ item }}". */
            input?: components["schemas"]["JsonValue"];
            /** @description Keys of the tasks this one waits for; together they form a DAG (no cycles). */
            dependsOn?: string[];
            trigger?: components["schemas"]["TriggerRule"];
            /** @description A JSONata condition on ancestors' outputs; false means the task is skipped. */
            when?: string;
            /** @description Fan-out: a template giving an array produced upstream; one item per element, "{{ item }}" in input. */
            forEach?: string;
            priority?: components["schemas"]["Priority"];
            timeoutMs?: number;
            /** @description How long the task may stay ready or queued before it starts; then it fails (not retried). */
            queueTimeoutMs?: number;
            retry?: components["schemas"]["RetryPolicy"];
            resources?: components["schemas"]["TaskResources"];
            affinity?: string;
            concurrency?: components["schemas"]["TaskConcurrency"];
            rateLimit?: components["schemas"]["TaskRateLimit"];
        };
        WorkflowVersion: {
            name: string;
            version: number;
            owner: string;
            shared: boolean;
            /** @description Of the canonical definition: an identical definition has the same checksum. */
            checksum: string;
            definition: components["schemas"]["WorkflowDefinition"];
            /** Format: date-time */
            createdAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    WorkflowsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workflows. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowsController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A workflow definition. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowDefinition"];
            };
        };
        responses: {
            /** @description Identical to the latest version, which is returned. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredWorkflow"];
                };
            };
            /** @description A new version of the caller's tenant's workflow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredWorkflow"];
                };
            };
            /** @description The definition is invalid (`error` is InvalidDefinition; `details` lists every issue with its path). Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowsController_latest: {
        parameters: {
            query?: {
                /** @description The tenant that owns the workflow: only needed for a name several tenants shared with you. */
                owner?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest version and the list of its versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDetail"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No workflow of that name is visible to the caller (its own or shared with it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Several tenants shared a workflow of that name with the caller, which owns none: say which with `owner`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowsController_version: {
        parameters: {
            query?: {
                /** @description The tenant that owns the workflow: only needed for a name several tenants shared with you. */
                owner?: string;
            };
            header?: never;
            path: {
                name: string;
                /** @description A version number, 1 and up */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description That version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowVersion"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No workflow of that name is visible to the caller (its own or shared with it). Or it has no such version. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Several tenants shared a workflow of that name with the caller, which owns none: say which with `owner`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowsController_start: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        /** @description The run input and options. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartRun"];
            };
        };
        responses: {
            /** @description The idempotency key matched an earlier run, which is returned. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartedRun"];
                };
            };
            /** @description The run was started. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartedRun"];
                };
            };
            /** @description The input does not match the workflow inputSchema, or the run cannot be stored. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No workflow of that name is visible to the caller (its own or shared with it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Several tenants shared a workflow of that name with the caller, which owns none: say which with `owner`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started. Or: More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowsController_startBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        /** @description The runs, each shaped as a single start. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartRunBatch"];
            };
        };
        responses: {
            /** @description One result per item, in order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunBatchResult"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No workflow of that name is visible to the caller (its own or shared with it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More items than API_RUN_BATCH_MAX: nothing was started. Or: The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started. Or: More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowSharesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenants this workflow is shared with. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowShareList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller sees the workflow only because it was shared with it: only the owner manages shares. Or: The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has no workflow of that name (nor was one shared with it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowSharesController_share: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description It was already shared with that tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowShare"];
                };
            };
            /** @description Shared: the tenant can read every version and start runs of it (as its own runs), read-only. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowShare"];
                };
            };
            /** @description The tenant is the caller's own. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller sees the workflow only because it was shared with it: only the owner manages shares. Or: The API key lacks the `admin` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has no workflow of that name (nor was one shared with it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WorkflowSharesController_unshare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No longer shared: the tenant cannot read it or start runs of it; runs it already started run to their end. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller sees the workflow only because it was shared with it: only the owner manages shares. Or: The API key lacks the `admin` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such workflow, or it was not shared with that tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_search: {
        parameters: {
            query?: {
                /** @description Only runs of this workflow (by name). */
                workflow?: string;
                status?: components["schemas"]["RunStatus"];
                /** @description Only runs carrying this tag. */
                tag?: string;
                /** @description Only runs created at or after this instant. */
                since?: string;
                /** @description Only runs created before this instant. */
                until?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run with its status, input, output, error, timestamps and tasks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_logs: {
        parameters: {
            query?: {
                /** @description forEach item index */
                index?: number;
            };
            header?: never;
            path: {
                id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempts, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskLogs"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled: every task that had not ended is cancelled, sub-workflow runs too. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunControlResult"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The run had already ended. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Paused: running tasks finish, nothing new is dispatched until resume. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunControlResult"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The run had already ended. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resumed: ready tasks are dispatched again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunControlResult"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The run had already ended. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunsController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The failed, skipped and cancelled tasks of a failed run run again; succeeded outputs are kept. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunControlResult"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The run is not failed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunViewsController_children: {
        parameters: {
            query?: {
                /** @description at most 1000 */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The child runs, at most `limit`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChildRuns"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RunViewsController_attempts: {
        parameters: {
            query?: {
                /** @description at most 1000 */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempts, at most `limit`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttemptBars"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SignalsController_send: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        /** @description The payload and an optional idempotency id. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendSignal"];
            };
        };
        responses: {
            /** @description Delivered, kept, or recognised as a duplicate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentSignal"];
                };
            };
            /** @description The payload does not match the waiting task's waitFor.schema. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No run with that id (runs of other tenants included), or no task of its workflow waits for that signal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The run has ended. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of schedules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The schedule. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSchedule"];
            };
        };
        responses: {
            /** @description Created, with its next five fire times. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Not exactly one of cron and every, a cron expression or time zone that cannot be read, or endAt before startAt. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no such workflow (or version). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The name is taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule, its next fire times and last runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        /** @description The schedule, without its name. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceSchedule"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Not exactly one of cron and every, a cron expression or time zone that cannot be read, or endAt before startAt. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. Or no such workflow. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Paused: no fire time starts a run until resume. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resumed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run was started. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartedRun"];
                };
            };
            /** @description The schedule's input no longer matches its workflow. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. Or its workflow is gone. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchedulesController_backfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A schedule name: letters, digits, ., _ and -, at most 128 */
                name: string;
            };
            cookie?: never;
        };
        /** @description The window. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Backfill"];
            };
        };
        responses: {
            /** @description The runs, one per fire time. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillResult"];
                };
            };
            /** @description to is before from, or the window holds more than SCHEDULE_BACKFILL_MAX fire times. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your tenant has no schedule of that name. Or its workflow is gone. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    EventsController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The event. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishEvent"];
            };
        };
        responses: {
            /** @description The idempotency key matched an earlier event, whose runs are returned. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedEvent"];
                };
            };
            /** @description The event was stored and its runs started. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedEvent"];
                };
            };
            /** @description The payload cannot be stored or is larger than RUN_INPUT_MAX_BYTES. Or: The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `submit` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started. Or: More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    TaskTypesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every published task type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskTypeList"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `read` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SchemasController_workflowDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The JSON Schema of a workflow definition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/schema+json": components["schemas"]["JsonSchemaDocument"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example ok
                         * @enum {string}
                         */
                        status?: "ok" | "degraded";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example error
                         * @enum {string}
                         */
                        status?: "error" | "shutting_down";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example ok
                         * @enum {string}
                         */
                        status?: "ok" | "degraded";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example error
                         * @enum {string}
                         */
                        status?: "error" | "shutting_down";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: {
                /** @description Only this tenant's keys. An admin key sees its own tenant's keys only; an operator key sees every tenant's unless this is given. */
                tenant?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys, newest first, revoked ones included; never the secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `admin` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The key to create. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description The key was created; `key` is shown only in this response. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Another tenant, or the operator scope, without an operator key. Or: The API key lacks the `admin` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (revoking again is a no-op). Other API processes notice within AUTH_KEY_CACHE_MS. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An operator key, and the caller is not an operator. Or: The API key lacks the `admin` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No key with that id (another tenant's keys, unless the caller is an operator). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Runs and tasks by status, queue counts per partition and per queue, and live executors with their capacity and load. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_listQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every queue (one per partition and published task type) with its job counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueList"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A queue name from GET /admin/queues, e.g. tasks-{0001}-default */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Paused: executors take no new job from it and routers stop feeding it; running jobs finish. Tasks keep waiting in PostgreSQL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueAction"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such queue. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A queue name from GET /admin/queues, e.g. tasks-{0001}-default */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resumed: executors take its jobs and routers feed it again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueAction"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such queue. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_drain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A queue name from GET /admin/queues, e.g. tasks-{0001}-default */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removes the queue's waiting and delayed jobs and returns their tasks to 'ready' in PostgreSQL (nothing is lost): dispatched again in current priority order, or held while the queue is paused. Running jobs are left alone. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueAction"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such queue. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AdminController_executors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live executors: their task types, capacity, load and utilisation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutorList"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    FlowControlController_setWeight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A tenant name */
                tenant: string;
            };
            cookie?: never;
        };
        /** @description The new weight. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantWeightBody"];
            };
        };
        responses: {
            /** @description The weight now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantWeight"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over API_BODY_LIMIT bytes. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    FlowControlController_busiestKeys: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys with the most slots held, then the most tasks waiting, across every tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConcurrencyKeyList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    FlowControlController_busiestRateKeys: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Buckets with the most permits used in their window, then the most tasks waiting, across every tenant. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitKeyList"];
                };
            };
            /** @description The request is invalid; `details` names every offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid API key (only with AUTH_ENABLED=true). */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key lacks the `operator` scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than API_RATE_LIMIT requests a minute from this API key (or address). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL or Redis is out of reach for now; try again after Retry-After. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
