// Lint rules. The ones that matter most keep imports pointing down the layers
// (docs/architecture.md): the service is the system under test and depends on nothing else here;
// src/core and src/model are at the bottom; seed/ and scenarios/ sit on them; the harness,
// bench/ and scripts/ are on top; and code outside the service reaches it only through
// src/service/index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layersDoc = 'see docs/architecture.md';
/** Import specifiers that reach a top folder, whatever the relative path before it. */
const folder = {
  harness: '**/harness/**',
  bench: '**/bench/**',
  scripts: '**/scripts/**',
  test: '**/test/**',
  seed: '**/seed/**',
  scenarios: '**/scenarios/**',
  model: '**/model/**',
  core: '**/core/**',
  service: '**/service/**',
};
/** Anything in src/service but its public entry. */
const serviceInternals = {
  group: [folder.service, '!**/service/index.js'],
  message: `outside src/service, import the service only through src/service/index.ts (${layersDoc}).`,
};

/** The rule for one layer: the folders above it or beside it that it must not import. */
function layer(files, name, forbidden, { service = 'entry' } = {}) {
  const patterns = [
    { group: forbidden.map((f) => folder[f]), message: `${name} may import only the layers below it (${layersDoc}).` },
  ];
  if (service === 'entry') patterns.push(serviceInternals);
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                folder.harness,
                folder.seed,
                folder.scenarios,
                folder.bench,
                folder.test,
                folder.core,
                folder.model,
                folder.scripts,
              ],
              message:
                'src/service is the system under test: it must not import harness, seed, scenarios, bench, test, core or model code.',
            },
          ],
        },
      ],
    },
  },
  // Each file below matches one of these blocks only: a later block's no-restricted-imports would
  // replace an earlier one's, not add to it.
  layer(
    ['src/core/**/*.ts'],
    'src/core',
    ['harness', 'bench', 'scripts', 'test', 'seed', 'scenarios', 'model', 'service'],
    { service: 'none' },
  ),
  layer(['src/model/**/*.ts'], 'src/model', ['harness', 'bench', 'scripts', 'test', 'seed', 'scenarios', 'service'], {
    service: 'none',
  }),
  layer(['seed/**/*.ts'], 'seed/', ['harness', 'bench', 'scripts', 'test', 'scenarios']),
  layer(['scenarios/**/*.ts'], 'scenarios/', ['harness', 'bench', 'scripts', 'test', 'seed']),
  layer(['src/harness/**/*.ts'], 'src/harness', ['bench', 'scripts', 'test']),
  layer(['bench/**/*.ts'], 'bench/', ['scripts', 'test']),
  layer(['scripts/**/*.ts'], 'scripts/', ['bench', 'test']),
);
