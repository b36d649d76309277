import { describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { isPaperclubError } from '../../../src/errors.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';

const a: ChannelAddress = { platform: 'console', workspace: '', channel: 'local' };

describe('unavailable store', () => {
  const store = unavailableStore('nothing answers at 127.0.0.1:6379');

  it('rejects every method with storage_unavailable and the reason', async () => {
    const calls: Array<Promise<unknown>> = [
      store.listTopics(a),
      store.addTopic(a, 'x'),
      store.removeTopic(a, 'x'),
      store.allTopics(),
      store.queue(a, []),
      store.enqueue(a, 'x', undefined, []),
      store.finishHead(a, [], new Date()),
      store.finished(a),
      store.getSchedule(a),
      store.setSchedule(a, { weekday: 1, hour: 9, minute: 0, timeZone: 'UTC' }),
      store.clearSchedule(a),
      store.allSchedules(),
      store.recordDelivered(a, { arxivId: 'x', title: '', topic: '', deliveredAt: new Date().toISOString() }),
      store.deliveredSince(a, new Date()),
      store.lastDigestAt(a),
      store.setLastDigestAt(a, new Date()),
      store.recordPoll({ category: 'cs.CL', checkedAt: '', outcome: 'ok', items: 0 }),
      store.lastPolls(),
      store.forgetPollsExcept(['cs.CL']),
      store.channelHealth(a),
      store.blockChannel(a, 'gone', new Date()),
      store.unblockChannel(a),
    ];
    for (const call of calls) {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isPaperclubError(error) && error.code).toBe('storage_unavailable');
      expect((error as Error).message).toBe('Channel settings need Redis, which is not running: nothing answers at 127.0.0.1:6379');
    }
  });

  it('closes cleanly', async () => {
    await expect(store.close()).resolves.toBeUndefined();
  });
});
