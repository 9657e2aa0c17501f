import type { Agent } from 'undici';
import { ALLOWED_HOSTS_ENV, AddressPolicy } from './address-policy';
import { createGuardedDispatcher } from './guarded-dispatcher';

interface Guard {
  allowList: string | undefined;
  dispatcher: Agent;
}

let current: Guard | undefined;

/**
 * The dispatcher every request goes through, for the allow-list in
 * HTTP_REQUEST_ALLOWED_HOSTS. A plugin sees only the SDK, not Taskloom's
 * config, so it reads its one setting from the executor's environment; it
 * is re-read on each task so that a bad value fails tasks with a message
 * naming the variable (AllowListError) rather than the plugin's load.
 */
export function guardedDispatcher(): Agent {
  const allowList = process.env[ALLOWED_HOSTS_ENV];
  if (current !== undefined && current.allowList === allowList) return current.dispatcher;
  const dispatcher = createGuardedDispatcher(AddressPolicy.parse(allowList));
  void current?.dispatcher.close();
  current = { allowList, dispatcher };
  return dispatcher;
}
