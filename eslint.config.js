// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', 'discord.js', '@discordjs/*', 'bullmq'];

/** What no file in src/ may import. */
const coreBoundaries = [
  { group: platformSdks, message: 'src/ is platform-neutral: platform SDKs belong in adapters/, BullMQ in jobs/.' },
  { group: ['**/adapters/**', '**/jobs/**', '**/bin/**'], message: 'src/ must not import the outer layers.' },
];
/** Arrows inside src/ run one way: commands → arxiv → library. Ports shared by both live in src/ports.ts. */
const layer = (files, below, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [...coreBoundaries, { group: below, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
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
      'no-restricted-imports': ['error', { patterns: coreBoundaries }],
    },
  },
  layer(['src/library/**/*.ts'], ['**/arxiv/**', '**/commands/**'], 'src/library is below src/arxiv and the commands: it imports neither (the enrichment cache is the library\'s own).'),
  layer(['src/arxiv/**/*.ts'], ['**/commands/**'], 'src/arxiv is below the commands: take what it needs from src/ports.ts.'),
  {
    // Adapters translate; they do not reach into each other or the job runner.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/jobs/**', '**/bin/**'], message: 'adapters/ must not import jobs/ or bin/.' }] },
      ],
    },
  },
  {
    files: ['src/config.ts', 'bin/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
