/**
 * The CTEs `tenants` (a skip scan of ix_tasks_dispatch: each tenant with a
 * plain ready task, one index probe per tenant) and `weighted` (each of
 * them with its weight, 1 unless set). The plain claim's fair share and
 * `waitingOn`'s tenant turn both start from them, so both see the same
 * tenants (ADR 0022, 0026). Opens a `WITH RECURSIVE`; follow it with `,`.
 */
export const READY_TENANT_WEIGHTS = `WITH RECURSIVE tenants(tenant) AS (
    (SELECT tenant FROM tasks WHERE status = 'ready' AND concurrency_key IS NULL AND rate_key IS NULL ORDER BY tenant LIMIT 1)
    UNION ALL
    SELECT (SELECT t.tenant FROM tasks t
             WHERE t.status = 'ready' AND t.concurrency_key IS NULL AND t.rate_key IS NULL AND t.tenant > tenants.tenant
             ORDER BY t.tenant LIMIT 1)
      FROM tenants WHERE tenants.tenant IS NOT NULL),
  weighted AS MATERIALIZED (
    SELECT tenants.tenant, coalesce(w.weight, 1) AS weight
      FROM tenants LEFT JOIN tenant_weights w ON w.tenant = tenants.tenant
     WHERE tenants.tenant IS NOT NULL)`;
