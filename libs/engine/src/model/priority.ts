export type PriorityClass = 'critical' | 'high' | 'normal' | 'low';

/** Highest first: dispatch order between classes. */
export const PRIORITY_CLASSES: readonly PriorityClass[] = ['critical', 'high', 'normal', 'low'];

export const DEFAULT_PRIORITY: PriorityClass = 'normal';
