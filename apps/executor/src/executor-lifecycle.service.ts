import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PluginHostService } from './plugin-host.service';
import { RegistrationService } from './registration.service';
import { TaskWorkerService } from './task-worker.service';

/** Start and stop in the only safe order: plugins (loaded and warm), registration, workers — and back. */
@Injectable()
export class ExecutorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly plugins: PluginHostService,
    private readonly registration: RegistrationService,
    private readonly workers: TaskWorkerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.plugins.load();
    await this.plugins.warmUp();
    await this.registration.register(this.workers.queueNames(), this.workers.gate);
    await this.workers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.workers.stop();
    await this.registration.deregister();
  }
}
