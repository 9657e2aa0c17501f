import type { FastifyBodyParser, FastifyInstance } from 'fastify';

/**
 * application/json, as Fastify parses it, except that an empty (or
 * all-whitespace) body is no body: many clients send
 * `content-type: application/json` on every request, body-less POSTs such as
 * /runs/{id}/cancel included, and Fastify alone answers those 400 "Body
 * cannot be empty". A route that needs a body still refuses the missing one
 * in its schema. Anything else goes to Fastify's own parser, which refuses
 * prototype-poisoning keys (`__proto__`, `constructor.prototype`) with 400.
 */
export function jsonBodyParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    const text = body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  };
}
