import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/*
 * The walls between the folders (README, "Layout"), enforced here so that a wrong import fails
 * `npm test` (test/unit/lint-walls.test.ts proves each wall bites):
 * - app/domain: pure logic: the domain itself, zod and luxon; nothing else.
 * - app/components: client-safe: no server modules, no database, no models.
 * - db/: the store knows nothing of the app.
 * - app/demo: imported only by start-up (and tests).
 * - no import cycles anywhere in app/ and db/.
 */

const SERVER_ONLY = ['*.server', '**/*.server', '~/models/*', '~/http/*.server', '#db/*', 'drizzle-orm', 'drizzle-orm/*', 'sqlite3']

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', 'data/**', '.cache/**', 'test-results/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    // Hooks rules only where React runs: test helpers named use…() are vitest fixtures.
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'db/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['app/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|luxon$|~/domain/|\\./|\\.\\./(?!\\.\\./))',
              message: 'The domain is pure: it imports only the domain, zod and luxon (README, "Layout").',
            },
            { regex: '\\.server$', message: 'The domain is pure: no server modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: SERVER_ONLY, message: 'Components run in the browser: no server modules, models or database (README, "Layout").' }] }],
    },
  },
  {
    // The demo seed is start-up's business: no page or model may depend on demo content.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/http/startup.server.ts', 'app/demo/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['~/demo', '~/demo/*'], message: 'Only start-up imports the demo seed (README, "Layout").' },
            { group: ['lucide-react', 'lucide-react/*'], message: 'Icons come from the sprite: <Icon name="…"> with the name in app/components/icon-names.ts, then npm run icons.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      // Types only: the schema may name the domain's unions (Role) without running app code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['~/*', '../app/*', '../../app/*'], allowTypeImports: true, message: 'db/ is the store: it imports nothing from app/ (README, "Layout").' }] },
      ],
    },
  },
)
