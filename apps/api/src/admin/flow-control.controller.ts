import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { rateKeyLabel, unqualifiedConcurrencyKey } from '@taskloom/engine';
import { FlowControlRepository, TenantWeightRepository } from '@taskloom/persistence';
import { PublicOperation } from '../openapi/public-operation';
import {
  BusiestKeysQuerySchema,
  ConcurrencyKeyListSchema,
  RateLimitKeyListSchema,
  TenantParamSchema,
  TenantWeightBodySchema,
  TenantWeightSchema,
  type BusiestKeysQuery,
  type TenantWeightBody,
} from './flow-control.schemas';

/** Flow control across tenants (ADR 0022): the cluster operator's, like queues. */
@Controller('admin')
export class FlowControlController {
  constructor(
    private readonly weights: TenantWeightRepository,
    private readonly flow: FlowControlRepository,
  ) {}

  @Put('tenants/:tenant')
  @PublicOperation({
    summary: "Set a tenant's dispatch weight",
    description:
      "Within a priority class the routers share each dispatch batch between tenants in weighted round-robin: weight 3 gets three tasks to weight 1's one.",
    tag: 'admin',
    access: 'operator',
    validatesInput: true,
    body: { schema: TenantWeightBodySchema, description: 'The new weight.' },
    responses: { 200: { description: 'The weight now in force.', schema: TenantWeightSchema } },
  })
  async setWeight(
    @Param('tenant', { schema: TenantParamSchema }) tenant: string,
    @Body({ schema: TenantWeightBodySchema }) body: TenantWeightBody,
  ) {
    await this.weights.set(tenant, body.weight);
    return { tenant, weight: body.weight };
  }

  @Get('concurrency-keys')
  @PublicOperation({
    summary: 'List the busiest concurrency keys',
    tag: 'admin',
    access: 'operator',
    validatesInput: true,
    responses: {
      200: {
        description: 'Keys with the most slots held, then the most tasks waiting, across every tenant.',
        schema: ConcurrencyKeyListSchema,
      },
    },
  })
  async busiestKeys(@Query({ schema: BusiestKeysQuerySchema }) query: BusiestKeysQuery) {
    const rows = await this.flow.busiestKeys(query.limit);
    return {
      items: rows.map((row) => ({
        ...unqualifiedConcurrencyKey(row.key),
        held: row.held,
        limit: row.limit,
        waiting: row.waiting,
      })),
    };
  }

  @Get('rate-limit-keys')
  @PublicOperation({
    summary: 'List the busiest rate-limit buckets',
    tag: 'admin',
    access: 'operator',
    validatesInput: true,
    responses: {
      200: {
        description:
          'Buckets with the most permits used in their window, then the most tasks waiting, across every tenant.',
        schema: RateLimitKeyListSchema,
      },
    },
  })
  async busiestRateKeys(@Query({ schema: BusiestKeysQuerySchema }) query: BusiestKeysQuery) {
    const rows = await this.flow.busiestRateKeys(query.limit);
    return {
      items: rows.map((row) => ({
        tenant: row.key.startsWith('@') ? null : unqualifiedConcurrencyKey(row.key).tenant,
        key: rateKeyLabel(row.key),
        used: row.used,
        limit: row.limit,
        periodMs: row.periodMs,
        waiting: row.waiting,
      })),
    };
  }
}
