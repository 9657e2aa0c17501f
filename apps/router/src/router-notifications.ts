import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { NotificationListener } from '@taskloom/persistence';

/**
 * The router's one listening connection to PostgreSQL, shared by every loop
 * that wakes on a notification (dispatch, sub-runs, waits, schedules,
 * delayed runs): the connection opens with the first loop that listens.
 */
@Injectable()
export class RouterNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(RouterNotifications.name);
  private readonly listener: NotificationListener;

  constructor(@Inject(TASKLOOM_CONFIG) config: TaskloomConfig) {
    this.listener = new NotificationListener(config.database.url, (error) =>
      this.logger.warn(`notification listener: ${error.message}`),
    );
  }

  /** Calls `onNotice` on every notification on `channel`, once now, and once after every reconnection. */
  listen(channel: string, onNotice: () => void): Promise<void> {
    return this.listener.listen(channel, onNotice);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.close();
  }
}
