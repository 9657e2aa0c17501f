import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { HttpErrorFilter } from './http-error.filter';
import { PayloadTooLargeError } from './payload-too-large.error';

/** How long a client may take to send the body it declared before the 413 goes out anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * A body whose content-length is over the limit gets 413 without being
 * parsed. Fastify alone answers at once and closes the connection, and a
 * client still writing the body then often sees the reset (EPIPE) instead of
 * the answer. So a body up to `drainBytes` is read and thrown away first
 * (never kept), and the 413 goes out with `connection: close` once the
 * client has sent it; a larger one is answered at once, as before.
 */
export function refuseOversizedBody(limits: { bodyLimitBytes: number; drainBytes: number }): onRequestHookHandler {
  const filter = new HttpErrorFilter();
  return (request: FastifyRequest, reply: FastifyReply, done) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > limits.bodyLimitBytes)) {
      done();
      return;
    }
    const answer = () => {
      void reply.header('connection', 'close');
      filter.respond(
        new PayloadTooLargeError(
          `the request body of ${declared} bytes is over API_BODY_LIMIT (${limits.bodyLimitBytes} bytes)`,
        ),
        reply,
      );
    };
    const raw = request.raw;
    if (declared > limits.drainBytes || raw.readableEnded) {
      answer();
      return;
    }
    const timer = setTimeout(answer, DRAIN_TIMEOUT_MS);
    raw.on('end', () => {
      clearTimeout(timer);
      if (!reply.sent) answer();
    });
    raw.on('error', () => clearTimeout(timer));
    raw.resume();
  };
}
