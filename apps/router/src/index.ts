export { RouterModule, RouterFeaturesModule } from './router.module';
export { DispatcherService } from './dispatcher.service';
export { ReconcilerService } from './reconciler.service';
export { RetentionService } from './retention.service';
