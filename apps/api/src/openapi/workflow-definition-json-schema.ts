import { WorkflowDefinitionSchema } from '@taskloom/engine';
import { z } from 'zod';

/** Where the api serves it, under its /api/v1 prefix: the URL editors are pointed at. */
export const WORKFLOW_DEFINITION_SCHEMA_ROUTE = 'schemas/workflow-definition.json';

/**
 * The workflow definition as a standalone JSON Schema, for editors
 * (yaml-language-server, VS Code) and for validating a file before it is
 * sent. Draft-07, which every editor reads. The same zod schema validates
 * `POST /api/v1/workflows`; graph rules (cycles, unknown keys, templates)
 * are checked only by the api.
 */
export function workflowDefinitionJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(WorkflowDefinitionSchema, { target: 'draft-7', io: 'input' });
  return {
    $schema,
    title: 'Taskloom workflow definition',
    description:
      'A Taskloom workflow: a DAG of tasks. Served at /api/v1/schemas/workflow-definition.json and shipped in ' +
      '@taskloom/sdk/schema/workflow-definition.schema.json. Cycles, unknown dependencies and template references ' +
      'are checked when the api registers it.',
    ...rest,
  };
}
