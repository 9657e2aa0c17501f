export { LoggingModule } from './logging.module';
export { installProcessLifecycle } from './process-lifecycle';
