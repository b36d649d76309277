// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', 'discord.js', '@discordjs/*', 'bullmq'];

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platformSdks, message: 'src/ is platform-neutral: platform SDKs belong in adapters/, BullMQ in jobs/.' },
            { group: ['**/adapters/**', '**/jobs/**', '**/bin/**'], message: 'src/ must not import the outer layers.' },
          ],
        },
      ],
    },
  },
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
