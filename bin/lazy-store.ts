/** A Store that opens on its first call, so a CLI command that never touches channel state never touches Redis. */
import type { Store } from '../src/store/types.ts';

export function lazyStore(open: () => Promise<Store>): Store {
  return new Proxy({} as Store, {
    get(_target, name) {
      // Not a promise: `await store` must not call a method.
      if (name === 'then') return undefined;
      return async (...args: unknown[]) => {
        const store = await open();
        const method = store[name as keyof Store] as (...a: unknown[]) => unknown;
        return method.apply(store, args);
      };
    },
  });
}
