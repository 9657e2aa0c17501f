import { ConflictError, NotFoundError, OverloadedError, TaskloomError, ValidationError } from '@taskloom/orchestrator';
import type { FastifyReply } from 'fastify';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../auth/auth.errors';
import { HttpErrorFilter } from './http-error.filter';

/** What the filter wrote to the reply. */
function answer(exception: unknown) {
  const sent = { statusCode: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status(code: number) {
      sent.statusCode = code;
      return this;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  new HttpErrorFilter().respond(exception, reply as unknown as FastifyReply);
  return sent;
}

describe('HttpErrorFilter', () => {
  it.each([
    [new NotFoundError('no run'), 404],
    [new ValidationError('bad', [{ path: 'input', message: 'required' }]), 400],
    [new ConflictError('running'), 409],
    [new OverloadedError('busy', 7), 429],
    [new UnauthenticatedError('who'), 401],
    [new ForbiddenError('no scope'), 403],
    [new RateLimitedError('slow down', 45), 429],
  ])('answers %p with %i, its name, message and details', (error, status) => {
    const sent = answer(error);
    expect(sent.statusCode).toBe(status);
    expect(sent.body).toEqual({
      statusCode: status,
      error: error.constructor.name,
      message: error.message,
      details: error.details,
    });
  });

  it('adds the headers a status calls for', () => {
    expect(answer(new OverloadedError('busy', 7)).headers).toEqual({ 'Retry-After': '7' });
    expect(answer(new RateLimitedError('slow down', 45)).headers).toEqual({ 'Retry-After': '45' });
    expect(answer(new UnauthenticatedError('who')).headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    expect(answer(new NotFoundError('no run')).headers).toEqual({});
  });

  it('answers an error class without a status, or anything else, with a 500 that hides the message', () => {
    class Unmapped extends TaskloomError {}
    for (const error of [new Unmapped('secret detail'), new Error('secret detail')]) {
      expect(answer(error)).toMatchObject({
        statusCode: 500,
        body: { statusCode: 500, error: 'InternalServerError', message: 'internal error' },
      });
    }
  });
});
