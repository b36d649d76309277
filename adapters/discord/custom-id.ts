/**
 * Button custom_ids. A paperclub button re-runs a /paper command line, so the custom_id carries that
 * line: `c:<command>` (reply to the clicker) or `s:<command>` (share: post the result in the channel).
 * Discord caps a custom_id at 100 characters; a longer line is kept in a bounded in-memory map and the
 * custom_id becomes `p:<key>`. Such a button stops working once its entry is evicted or the process
 * restarts; the click then gets a friendly "this button expired" answer.
 */
import { createHash } from 'node:crypto';

export const CUSTOM_ID_MAX = 100;

export interface ButtonAction {
  command: string;
  share: boolean;
}

export type DecodedCustomId =
  | { kind: 'action'; action: ButtonAction }
  | { kind: 'expired' }
  | { kind: 'foreign' };

export class ButtonCommandStore {
  readonly #entries = new Map<string, ButtonAction>();
  readonly #capacity: number;

  constructor(capacity = 5000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The custom_id for a button. `salt` makes the id unique when one message has two buttons for the
   * same action (Discord rejects duplicate custom_ids within a message).
   */
  encode(action: ButtonAction, salt = 0): string {
    const inline = `${action.share ? 's' : 'c'}:${action.command}`;
    if (salt === 0 && inline.length <= CUSTOM_ID_MAX) return inline;
    const key = createHash('sha256')
      .update(`${salt}\u0000${inline}`)
      .digest('base64url')
      .slice(0, 22);
    // Re-inserting moves the key to the back: the map is evicted oldest-first (LRU on encode).
    this.#entries.delete(key);
    this.#entries.set(key, { command: action.command, share: action.share });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return `p:${key}`;
  }

  decode(customId: string): DecodedCustomId {
    const prefix = customId.slice(0, 2);
    const rest = customId.slice(2);
    if (prefix === 'c:' || prefix === 's:') {
      return rest.trim() === '' ? { kind: 'foreign' } : { kind: 'action', action: { command: rest, share: prefix === 's:' } };
    }
    if (prefix === 'p:') {
      const action = this.#entries.get(rest);
      return action ? { kind: 'action', action } : { kind: 'expired' };
    }
    return { kind: 'foreign' };
  }
}
