import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiKeyIdSchema,
  ApiKeyListQuerySchema,
  ApiKeyListSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  type ApiKeyListQuery,
  type CreateApiKeyBody,
} from './api-key.schemas';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
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
  @ApiForbiddenResponse({ description: 'Another tenant, or the operator scope, without an operator key.' })
  create(@Body({ schema: CreateApiKeySchema }) body: CreateApiKeyBody, @CurrentPrincipal() caller: Principal) {
    return this.keys.create(body, caller);
  }

  @Get()
  @ApiOkResponse({
    description:
      "A page of keys, newest first, revoked ones included; never the secrets. The caller's tenant only, unless the key is an operator's.",
    standardSchema: ApiKeyListSchema,
  })
  list(@Query({ schema: ApiKeyListQuerySchema }) query: ApiKeyListQuery, @CurrentPrincipal() caller: Principal) {
    return this.keys.list(query, caller);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Revoked (revoking again is a no-op). Other API processes notice within AUTH_KEY_CACHE_MS.',
  })
  @ApiNotFoundResponse({
    description: "No key with that id (another tenant's keys, unless the caller is an operator).",
  })
  @ApiForbiddenResponse({ description: 'An operator key, and the caller is not an operator.' })
  async revoke(
    @Param('id', { schema: ApiKeyIdSchema }) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<void> {
    await this.keys.revoke(id, caller);
  }
}
