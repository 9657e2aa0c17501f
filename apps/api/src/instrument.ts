// Imported first by main.ts: tracing must start before the modules it instruments load.
import { tracingEnabled } from '@taskloom/config';
import { startTracing } from '@taskloom/telemetry/tracing';

if (tracingEnabled()) startTracing('taskloom-api');
