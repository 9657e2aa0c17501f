export { processInfrastructure } from './process-infrastructure';
