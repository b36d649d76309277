// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', 'discord.js', '@discordjs/*', 'bullmq'];
/** Operations libraries live in the composition root; everything else reports through src/ports.ts `Metrics`. */
const operationsLibraries = { group: ['prom-client', '@bull-board/*'], message: 'prom-client and bull-board belong in bin/: report through the Metrics port (src/ports.ts).' };
/** What no module of src/ may import. */
const corePatterns = [
  { group: platformSdks, message: 'src/ is platform-neutral: platform SDKs belong in adapters/, BullMQ in jobs/.' },
  operationsLibraries,
  { group: ['**/adapters/**', '**/jobs/**', '**/bin/**'], message: 'src/ must not import the outer layers.' },
];

/** Arrows inside src/ run one way: commands → arxiv → library. Ports shared by both live in src/ports.ts. */
const layer = (files, above, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [...corePatterns, { group: above, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', 'dist/**', 'dist.building-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through loadConfig() in src/config.ts.' },
      ],
    },
  },
  {
    // The core never touches a platform SDK, the job runner, or the outer layers.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: corePatterns }],
    },
  },
  // The library owns the metadata formats; src/arxiv (API clients, enrichment) builds on it, never the reverse.
  layer(['src/library/**/*.ts'], ['**/arxiv/**', '**/commands/**'], 'src/library must not import src/arxiv or the commands: they depend on the library, not the reverse.'),
  layer(['src/arxiv/**/*.ts'], ['**/commands/**'], 'src/arxiv is below the commands: take what it needs from src/ports.ts.'),
  {
    // Adapters translate; they do not reach into each other or the job runner.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/jobs/**', '**/bin/**'], message: 'adapters/ must not import jobs/ or bin/.' }, operationsLibraries] },
      ],
    },
  },
  {
    files: ['jobs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [operationsLibraries] }] },
  },
  {
    files: ['src/config.ts', 'bin/**/*.ts', 'bin/**/*.js', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
