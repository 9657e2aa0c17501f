export { ExecutorModule, ExecutorFeaturesModule } from './executor.module';
export { PluginHostService } from './plugin-host.service';
export { TaskWorkerService } from './task-worker.service';
export { AttemptReporter } from './attempt-reporter.service';
export { ExecutorIdentity } from './executor-identity';
