import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { FlowControlController } from './flow-control.controller';
import { QueueAdminService } from './queue-admin.service';

/** Operations over HTTP: stats, queue control and executors, all behind the `admin` scope. */
@Module({
  controllers: [AdminController, FlowControlController],
  providers: [AdminService, QueueAdminService],
  exports: [AdminService, QueueAdminService],
})
export class AdminModule {}
