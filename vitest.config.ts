// Three projects, run in this order: fast unit tests beside the code; the integration tests against
// the real services, several files at once (each owns its names, and none depends on the machine's
// speed); then the integration files that take a shared service away from everyone else, one at a
// time and alone.
import { defineConfig } from 'vitest/config';

/**
 * Files that must run alone: faults-cli stops and restarts the Kafka broker (service-down), and
 * oversell-cli opens more MySQL connections than the server allows (Too many connections).
 */
const EXCLUSIVE = ['test/integration/faults-cli.test.ts', 'test/integration/oversell-cli.test.ts'];

const integration = {
  environment: 'node',
  // Removes what earlier, crashed test processes left on the services (only their own names).
  globalSetup: ['test/integration/sweep-leftovers.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
} as const;

export default defineConfig({
  test: {
    globals: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'test/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          ...integration,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: EXCLUSIVE,
          // Mostly waiting on the services (Kafka sessions, lock queues, fsync): three files at once
          // keep two cores busy.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration-alone',
          include: EXCLUSIVE,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
