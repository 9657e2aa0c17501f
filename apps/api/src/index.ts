export { ApiModule, ApiFeaturesModule } from './api.module';
export { configureHttpApp, API_PREFIX } from './http-app';
export { createHttpAdapter } from './http-adapter';
export { describeAuth } from './auth/describe-auth';
export { DASHBOARD_PATH } from './ui/dashboard-files';
