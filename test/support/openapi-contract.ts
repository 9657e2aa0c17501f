import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const DOCUMENT_PATH = join(__dirname, '..', '..', 'docs', 'openapi.json');
const DOCUMENT_ID = 'openapi.json';

/** Served by the api but not part of the API contract: the docs UI, its JSON, the scrape endpoint, bull-board. */
const OUTSIDE_THE_CONTRACT = [/^\/docs(-json)?(\/|$)/, /^\/metrics$/, /^\/admin\/queues(\/|$)/, /^\/ui(\/|$)/];

export interface ObservedResponse {
  method: string;
  /** The request path, query string included or not. */
  path: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}

interface OperationObject {
  responses: Record<string, ResponseObject>;
}

interface ResponseObject {
  content?: Record<string, unknown>;
  headers?: Record<string, { required?: boolean }>;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments count: /runs/search beats /runs/{id} when both match. */
  literals: number;
}

/**
 * Checks real responses against the committed OpenAPI document: the
 * operation must be documented, the status must be one it documents, the
 * headers it marks required must be there, and the body must match the
 * documented schema (Ajv over the document's own schemas, OpenAPI 3.0
 * dialect: draft-04 bounds and `nullable`). A field added to a response
 * but not to its schema, a field of the wrong type or a missing required
 * field is a problem.
 */
export class OpenApiContract {
  private readonly ajv: AjvDraft04;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    // The document itself (openapi, paths, …) is not a JSON Schema: its non-schema keywords are skipped, not errors.
    this.ajv = new AjvDraft04({ allErrors: true, strictSchema: false, strictTypes: false, validateSchema: false });
    addFormats(this.ajv);
    // Examples are annotations; in the draft-04 dialect an example's `id` field would read as a schema id.
    this.ajv.addSchema(withoutExamples(document) as object, DOCUMENT_ID);
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  static load(): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as OpenApiDocument);
  }

  /** Everything wrong with a response, per the document; empty when it conforms. */
  problemsOf(response: ObservedResponse): string[] {
    const path = response.path.split('?')[0]!;
    if (OUTSIDE_THE_CONTRACT.some((pattern) => pattern.test(path))) return [];
    const method = response.method.toLowerCase();
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route ? this.document.paths[route.template]![method] : undefined;
    if (!route || !operation) {
      // Nothing is routed there: Nest answers 404 with the one error body.
      if (response.status === 404 && path.startsWith('/api/v1/')) {
        return this.bodyProblems('#/components/schemas/Error', response.body);
      }
      return [`${response.method} ${path} is not an operation of the document (answered ${response.status})`];
    }
    const operationPointer = `#/paths/${escapePointer(route.template)}/${method}`;
    const documented = operation.responses[String(response.status)] ?? operation.responses.default;
    if (!documented) {
      return [
        `${response.method} ${route.template} answered ${response.status}, which the document does not list ` +
          `(it lists ${Object.keys(operation.responses).join(', ')})`,
      ];
    }
    const status = operation.responses[String(response.status)] ? String(response.status) : 'default';
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !response.headers.has(name)) {
        problems.push(`${response.method} ${route.template} ${response.status} lacks the required ${name} header`);
      }
    }
    const mediaTypes = Object.keys(documented.content ?? {});
    if (mediaTypes.length === 0) {
      if (response.body !== undefined) {
        problems.push(
          `${response.method} ${route.template} ${response.status} has a body the document does not describe`,
        );
      }
      return problems;
    }
    const mediaType = mediaTypes[0]!;
    const schemaPointer = `${operationPointer}/responses/${status}/content/${escapePointer(mediaType)}/schema`;
    return [
      ...problems,
      ...this.bodyProblems(schemaPointer, response.body).map(
        (problem) => `${response.method} ${route.template} ${response.status}: ${problem}`,
      ),
    ];
  }

  /** Throws (failing the test) when a response breaks the document. */
  assertConforms(response: ObservedResponse): void {
    const problems = this.problemsOf(response);
    if (problems.length > 0) {
      throw new Error(
        `the response breaks the OpenAPI document (docs/openapi.json):\n  ${problems.join('\n  ')}\n` +
          `body: ${JSON.stringify(response.body)?.slice(0, 2_000)}\n` +
          'Fix the code or its zod schema, then run `npm run openapi`.',
      );
    }
  }

  private bodyProblems(pointer: string, body: unknown): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${encodeURI(pointer)}` });
      this.validators.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
    );
  }
}

function withoutExamples(value: unknown, inSchemaMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutExamples(item));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => inSchemaMap || (key !== 'example' && key !== 'examples'))
      .map(([key, child]) => [key, withoutExamples(child, !inSchemaMap && key === 'properties')]),
  );
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

let shared: OpenApiContract | undefined;

/** The committed document, loaded once per test file. */
export function openApiContract(): OpenApiContract {
  shared ??= OpenApiContract.load();
  return shared;
}
