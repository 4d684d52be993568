// Vitest projects: fast unit tests, and integration tests that touch real SQLite files, real
// servers, a private pcscd and the `openssl` CLI. Integration runs once per crypto provider so
// crypto, store, secure channel and the fill line are proven under both (STATION_CRYPTO=native
// and =js); what does not depend on the provider (entropy sources and checks, the randomness
// battery CLI, PC/SC transports, the KMIP client and connector, the CLI wrappers, crash recovery
// and sync end to end) runs once, under native, to keep the suite's wall time down.
import { defineConfig } from 'vitest/config';

const PROVIDER_NEUTRAL = [
  'main/entropy/**/*.int.test.ts',
  'test/entropy.int.test.ts',
  'main/cli/randtest-command.int.test.ts',
  'main/chips/transport/**/*.int.test.ts',
  'main/sync/**/*.int.test.ts',
  'main/cli/line-commands.int.test.ts',
  'test/fill-recovery.int.test.ts',
  'test/sync.int.test.ts',
];

const integration = (provider: 'native' | 'js') => ({
  test: {
    name: `integration-${provider}`,
    include: ['main/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    exclude: provider === 'js' ? PROVIDER_NEUTRAL : [],
    env: { STATION_CRYPTO: provider },
    testTimeout: 120_000,
    hookTimeout: 90_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      integration('native'),
      integration('js'),
    ],
  },
});
