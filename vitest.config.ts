// Two projects: fast unit tests beside the code, and integration tests against the real services.
import { defineConfig } from 'vitest/config';

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
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Removes what earlier, crashed test processes left on the services (only their own names).
          globalSetup: ['test/integration/sweep-leftovers.ts'],
          // Integration files share the real services; running them one at a time keeps the load
          // of one from distorting another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
