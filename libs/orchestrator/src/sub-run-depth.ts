/** Guards against a workflow that (through its versions) ends up calling itself forever. */
export const MAX_SUB_WORKFLOW_DEPTH = 10;
