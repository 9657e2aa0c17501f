import { ApiKeyEntity } from './api-key.entity';
import { EventEntity } from './event.entity';
import { ExecutorEntity } from './executor.entity';
import { RatePermitEntity } from './rate-permit.entity';
import { RunEntity } from './run.entity';
import { PendingSubRunEntity } from './pending-sub-run.entity';
import { RunTreeEntity } from './run-tree.entity';
import { SignalEntity } from './signal.entity';
import { ScheduleEntity } from './schedule.entity';
import { TaskAttemptEntity } from './task-attempt.entity';
import { TaskTypeEntity } from './task-type.entity';
import { TaskEntity } from './task.entity';
import { TenantWeightEntity } from './tenant-weight.entity';
import { WorkflowCatalogEntity } from './workflow-catalog.entity';
import { WorkflowDefinitionEntity } from './workflow-definition.entity';
import { WorkflowShareEntity } from './workflow-share.entity';

export {
  ApiKeyEntity,
  EventEntity,
  ExecutorEntity,
  PendingSubRunEntity,
  RatePermitEntity,
  RunEntity,
  RunTreeEntity,
  SignalEntity,
  ScheduleEntity,
  TaskAttemptEntity,
  TaskEntity,
  TaskTypeEntity,
  TenantWeightEntity,
  WorkflowCatalogEntity,
  WorkflowDefinitionEntity,
  WorkflowShareEntity,
};

export const ENTITIES = [
  TenantWeightEntity,
  WorkflowDefinitionEntity,
  RunEntity,
  RunTreeEntity,
  PendingSubRunEntity,
  TaskEntity,
  TaskAttemptEntity,
  TaskTypeEntity,
  ExecutorEntity,
  ApiKeyEntity,
  WorkflowShareEntity,
  SignalEntity,
  ScheduleEntity,
  EventEntity,
  RatePermitEntity,
  WorkflowCatalogEntity,
];
