import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { QueueAdminService } from './queue-admin.service';

/** Operations over HTTP: stats, queue control and executors, all behind the `admin` scope. */
@Module({
  controllers: [AdminController],
  providers: [AdminService, QueueAdminService],
  exports: [AdminService, QueueAdminService],
})
export class AdminModule {}
