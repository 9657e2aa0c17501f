import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TaskTypeCatalog } from './task-type.catalog';

@ApiTags('task types')
@Controller('task-types')
export class TaskTypesController {
  constructor(private readonly catalog: TaskTypeCatalog) {}

  @Get()
  @ApiOkResponse({
    description: 'Task types published by executors, with input/output JSON Schema and resource profile.',
  })
  async list() {
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
        updatedAt: type.updatedAt,
      })),
    };
  }
}
