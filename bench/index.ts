import type { Benchmark } from './types.ts';
import { libraryBenchmark } from './library.ts';
import { slackAckBenchmark } from './slack-ack.ts';
import { jobsMatchingBenchmark } from './jobs-matching.ts';
import { jobsDeliveryBenchmark } from './jobs-delivery.ts';
import { deliveryFaultsBenchmark } from './delivery-faults.ts';
import { startupBenchmark } from './startup.ts';

/** Every benchmark `npm run bench` runs, in order. Add a module by appending it here (no folder scanning). */
export const BENCHMARKS: readonly Benchmark[] = [libraryBenchmark, slackAckBenchmark, jobsMatchingBenchmark, jobsDeliveryBenchmark, deliveryFaultsBenchmark, startupBenchmark];
