export { ApiModule, ApiFeaturesModule } from './api.module';
export { configureHttpApp, API_PREFIX } from './http-app';
export { describeAuth } from './auth/describe-auth';
