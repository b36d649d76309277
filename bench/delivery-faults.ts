/** `npm run bench -- delivery-faults`: the delivery fault suite (bench/faults/suite.ts) and its figures. */
import { DEFAULT_FAULT_OPTIONS, runFaultSuite } from './faults/suite.ts';
import type { Benchmark } from './types.ts';

export const deliveryFaultsBenchmark: Benchmark = {
  name: 'delivery-faults',
  async run(ctx) {
    const figures = await runFaultSuite({ ...DEFAULT_FAULT_OPTIONS, log: ctx.log });
    ctx.log(figures.per_channel);
    return { ...figures };
  },
};
