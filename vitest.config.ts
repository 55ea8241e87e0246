import { defineConfig } from 'vitest/config';
import { validatedBuiltinsPlugin } from './src/scenarios/builtin/validated-plugin.ts';

export default defineConfig({
  // The page opens built-ins validated at build time (src/scenarios/builtin/validated.ts); tests build them the same way.
  plugins: [validatedBuiltinsPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // The page loads the code that reads a run with the code that opens one (src/ui/store/run-reading.ts); tests have it from the start.
    setupFiles: ['src/ui/test-support/run-reading-installed.ts'],
  },
});
