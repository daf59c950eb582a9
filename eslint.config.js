// Lint rules. The one that matters most: the service is the system under test and must
// never depend on the harness that measures it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'dist/**', 'scenarios/k6/dist/**', 'k8s/dist/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/harness/**', '**/seed/**', '**/scenarios/**', '**/bench/**', '**/test/**'],
          message: 'src/service is the system under test: it must not import harness, seed, scenarios, bench or test code.',
        }],
      }],
    },
  },
);
