import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyIdSchema,
  ApiKeyListSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  type CreateApiKeyBody,
} from './api-key.schemas';
import { ApiKeysService } from './api-keys.service';
import { CurrentTenant } from './current-tenant.decorator';
import { RequireScope } from './require-scope.decorator';

@ApiTags('admin')
@RequireScope('admin')
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({
    description: 'The key was created; `key` is shown only in this response.',
    standardSchema: CreatedApiKeySchema,
  })
  create(@Body({ schema: CreateApiKeySchema }) body: CreateApiKeyBody, @CurrentTenant() tenant: string) {
    return this.keys.create(body, tenant);
  }

  @Get()
  @ApiOkResponse({
    description: 'Every key, newest first, revoked ones included; never the secrets.',
    standardSchema: ApiKeyListSchema,
  })
  list() {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Revoked (revoking again is a no-op). Other API processes notice within AUTH_KEY_CACHE_MS.',
  })
  @ApiNotFoundResponse({ description: 'No key with that id.' })
  async revoke(@Param('id', { schema: ApiKeyIdSchema }) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
