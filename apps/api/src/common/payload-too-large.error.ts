import { HttpException, HttpStatus } from '@nestjs/common';

/** The request body is over API_BODY_LIMIT. */
export class PayloadTooLargeError extends HttpException {
  constructor(message: string) {
    super(message, HttpStatus.PAYLOAD_TOO_LARGE);
    this.name = 'PayloadTooLarge';
  }
}
