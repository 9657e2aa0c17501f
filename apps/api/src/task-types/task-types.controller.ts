import { Controller, Get } from '@nestjs/common';
import { PublicOperation } from '../openapi/public-operation';
import { TaskTypeCatalog } from './task-type.catalog';
import { TaskTypeListSchema, type TaskTypeListView } from './task-type.schemas';

@Controller('task-types')
export class TaskTypesController {
  constructor(private readonly catalog: TaskTypeCatalog) {}

  @Get()
  @PublicOperation({
    summary: 'List task types',
    description: 'Task types published by executors, with input/output JSON Schema and resource profile.',
    tag: 'task types',
    access: 'read',
    responses: { 200: { description: 'Every published task type.', schema: TaskTypeListSchema } },
  })
  async list(): Promise<TaskTypeListView> {
    const types = await this.catalog.list();
    return {
      items: types.map((type) => ({
        type: type.type,
        description: type.description,
        plugin: { name: type.plugin, version: type.pluginVersion },
        inputSchema: type.inputSchema,
        outputSchema: type.outputSchema,
        resources: type.resources,
        retry: type.retry,
        isolation: type.isolation,
        batch: type.batch,
        rateLimit: type.rateLimit,
        updatedAt: type.updatedAt.toISOString(),
      })),
    };
  }
}
