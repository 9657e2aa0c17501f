import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'taskloom:public-route';

/** A route that answers without an API key (health probes); it is not rate limited either. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
