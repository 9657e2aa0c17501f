import { Controller, Get, Header } from '@nestjs/common';
import { z } from 'zod';
import { PublicOperation } from '../openapi/public-operation';
import {
  WORKFLOW_DEFINITION_SCHEMA_ROUTE,
  workflowDefinitionJsonSchema,
} from '../openapi/workflow-definition-json-schema';

const JsonSchemaDocument = z
  .looseObject({ $schema: z.string(), definitions: z.record(z.string(), z.record(z.string(), z.unknown())) })
  .meta({ id: 'JsonSchemaDocument', description: 'A JSON Schema (draft-07) document.' });

/** Published schemas, at stable URLs an editor can fetch without an API key. */
@Controller()
export class SchemasController {
  private readonly definitionSchema = workflowDefinitionJsonSchema();

  @Get(WORKFLOW_DEFINITION_SCHEMA_ROUTE)
  @Header('Content-Type', 'application/schema+json')
  @Header('Cache-Control', 'public, max-age=300')
  @PublicOperation({
    summary: 'The workflow definition JSON Schema',
    description:
      'For editors: `# yaml-language-server: $schema=<this URL>` at the top of a YAML definition, or `json.schemas` ' +
      'in VS Code. The same schema validates `POST /api/v1/workflows`.',
    tag: 'schemas',
    access: 'public',
    usesStorage: false,
    responses: {
      200: {
        description: 'The JSON Schema of a workflow definition.',
        schema: JsonSchemaDocument,
        contentType: 'application/schema+json',
      },
    },
  })
  workflowDefinition(): Record<string, unknown> {
    return this.definitionSchema;
  }
}
