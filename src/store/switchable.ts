/**
 * A Store that forwards to whichever store is current: the unavailable store while Redis does not
 * answer, the Redis store once it does. Commands hold this one object and never notice the switch.
 */
import type { Store } from './types.ts';
import { STORE_METHODS, type StoreMethod } from './unavailable.ts';

export interface SwitchableStore {
  store: Store;
  use(next: Store): void;
}

export function switchableStore(initial: Store): SwitchableStore {
  let current = initial;
  const forward = Object.fromEntries(
    (Object.keys(STORE_METHODS) as StoreMethod[]).map((method) => [method, (...args: unknown[]) => (current[method] as (...a: unknown[]) => unknown)(...args)]),
  ) as unknown as Omit<Store, 'close'>;
  return {
    store: { ...forward, close: () => current.close() },
    use(next) {
      current = next;
    },
  };
}
