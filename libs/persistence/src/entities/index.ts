import { ApiKeyEntity } from './api-key.entity';
import { ExecutorEntity } from './executor.entity';
import { RunEntity } from './run.entity';
import { TaskAttemptEntity } from './task-attempt.entity';
import { TaskTypeEntity } from './task-type.entity';
import { TaskEntity } from './task.entity';
import { WorkflowDefinitionEntity } from './workflow-definition.entity';
import { WorkflowShareEntity } from './workflow-share.entity';

export {
  ApiKeyEntity,
  ExecutorEntity,
  RunEntity,
  TaskAttemptEntity,
  TaskEntity,
  TaskTypeEntity,
  WorkflowDefinitionEntity,
  WorkflowShareEntity,
};

export const ENTITIES = [
  WorkflowDefinitionEntity,
  RunEntity,
  TaskEntity,
  TaskAttemptEntity,
  TaskTypeEntity,
  ExecutorEntity,
  ApiKeyEntity,
  WorkflowShareEntity,
];
