import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import type { JsonValue } from '@taskloom/engine';
import { EventPublisherService } from '@taskloom/orchestrator';
import type { FastifyReply } from 'fastify';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import { BacklogGuard } from '../runs/backlog.guard';
import { PublishedEventSchema, PublishEventSchema, type PublishEventBody } from './event.schemas';

@Controller('events')
export class EventsController {
  constructor(
    private readonly publisher: EventPublisherService,
    private readonly backlog: BacklogGuard,
  ) {}

  @Post()
  @PublicOperation({
    summary: 'Publish an event',
    description:
      'Starts a run of every latest workflow of your tenant whose `on` names the event and whose `when` holds, the payload as input. The event is kept with the runs it started.',
    tag: 'events',
    access: 'submit',
    body: { schema: PublishEventSchema, description: 'The event.' },
    responses: {
      201: { description: 'The event was stored and its runs started.', schema: PublishedEventSchema },
      200: {
        description: 'The idempotency key matched an earlier event, whose runs are returned.',
        schema: PublishedEventSchema,
      },
    },
    errors: {
      400: 'The payload cannot be stored or is larger than RUN_INPUT_MAX_BYTES.',
      429: 'The backlog of waiting tasks is past API_BACKLOG_LIMIT: nothing was started.',
    },
  })
  async publish(
    @Body({ schema: PublishEventSchema }) body: PublishEventBody,
    @Res({ passthrough: true }) response: FastifyReply,
    @CurrentTenant() tenant: string,
  ) {
    await this.backlog.assertAccepting();
    const event = await this.publisher.publish({
      tenant,
      name: body.name,
      payload: body.payload as JsonValue,
      idempotencyKey: body.idempotencyKey,
    });
    void response.status(event.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { id: event.id, runs: event.runs, refused: event.refused };
  }
}
