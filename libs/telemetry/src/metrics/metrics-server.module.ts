import { Module } from '@nestjs/common';
import { MetricsServer } from './metrics-server';

/** Imported by the router and executor processes (not by the standalone one, whose API serves /metrics). */
@Module({ providers: [MetricsServer], exports: [MetricsServer] })
export class MetricsServerModule {}
