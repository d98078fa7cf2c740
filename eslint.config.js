// @ts-check
/**
 * ESLint flat config. Besides typescript-eslint's recommended rules it enforces the layers
 * described in docs/architecture.md: each folder of src/ may import only what is listed
 * there. Boundaries are checked on import specifiers with `no-restricted-imports` (no
 * module resolver needed: our `.js` specifiers name `.ts` files), and `process`/`console`
 * are forbidden below the face with `no-restricted-globals`.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node built-ins and packages that do I/O: only adapters (and the face, app) may use them. */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'worker_threads',
  'cluster',
  'readline',
  'process',
  'os',
  'v8',
  'vm',
];
const ioPaths = (why) => [
  ...IO_MODULES.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: why })),
  ...['undici', 'execa', 'simple-git', 'chokidar'].map((name) => ({ name, message: why })),
];

/** Import-specifier patterns (gitignore syntax) for each layer folder, from any depth. */
const layer = (name) => [`**/${name}`, `**/${name}/**`, `../${name}`, `../${name}/**`, `../../${name}/**`];

/** Ways around the import and global bans, closed for the layers below the face. */
const NO_ESCAPES = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'ImportExpression',
      message: 'No dynamic import() below the app layer: dependencies are static and injected.',
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'globalThis', property: 'process', message: 'Take what you need as a parameter.' },
    { object: 'globalThis', property: 'console', message: 'Report through diagnostics or events.' },
  ],
};

/** The pure core and the engine read no clock and draw no random numbers: those are injected. */
const NO_CLOCK = {
  'no-restricted-properties': [
    ...NO_ESCAPES['no-restricted-properties'],
    { object: 'Date', property: 'now', message: 'Pure code reads no clock: take `now()` as a parameter.' },
    {
      object: 'Math',
      property: 'random',
      message: 'Pure code draws no randomness: take `random()` as a parameter.',
    },
  ],
  'no-restricted-syntax': [
    ...NO_ESCAPES['no-restricted-syntax'],
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'Pure code reads no clock: take `now()` as a parameter.',
    },
  ],
};

const GLOBALS_BELOW_FACE = [
  {
    name: 'process',
    message: 'Below the face, take what you need as a parameter (config, env, cwd, signal).',
  },
  {
    name: 'console',
    message: 'Below the face, report through diagnostics, events or ctx.log, never the console.',
  },
];

/** Node globals for the few plain .js files (bin, scripts, bench, this config). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'URL',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'performance',
    'structuredClone',
    'AbortController',
  ].map((g) => [g, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.thaiyyal/**', 'templates/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: NODE_GLOBALS },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // ── Layers ────────────────────────────────────────────────────────────────────────────
  {
    // Pure core: data in, data out.
    files: ['src/core/**/*.ts'],
    rules: {
      ...NO_CLOCK,
      'no-restricted-globals': ['error', ...GLOBALS_BELOW_FACE],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['engine', 'nodes', 'adapters', 'app', 'commands', 'ui'].flatMap(layer),
              message: 'src/core may import only src/core (see docs/architecture.md).',
            },
            {
              // Only pure libraries: every other bare specifier is rejected.
              regex:
                '^(?!\\.|yaml$|js-yaml$|quick-lru$|ajv(/dist/2020\\.js)?$|ajv-formats$|jsonata$|@dagrejs/graphlib$|semver$)',
              message:
                'src/core is pure: it may use only yaml, js-yaml, ajv, ajv-formats, jsonata, @dagrejs/graphlib and semver, no I/O (do I/O in src/adapters and pass the data in; add pure libraries in eslint.config.js).',
            },
          ],
        },
      ],
    },
  },
  {
    // Optimiser: pure like the core; node types arrive through the injected context.
    files: ['src/optimizer/**/*.ts'],
    rules: {
      ...NO_CLOCK,
      'no-restricted-globals': ['error', ...GLOBALS_BELOW_FACE],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['engine', 'adapters', 'app', 'commands', 'ui'].flatMap(layer),
              message:
                'src/optimizer may import only src/core, src/optimizer and src/nodes/types (see docs/architecture.md).',
            },
            {
              group: ['**/nodes/*', '!**/nodes/types.js'],
              message:
                'src/optimizer may import only src/nodes/types from src/nodes; node types arrive through the injected context.',
            },
            {
              regex:
                '^(?!\\.|yaml$|js-yaml$|quick-lru$|ajv(/dist/2020\\.js)?$|ajv-formats$|jsonata$|@dagrejs/graphlib$|semver$)',
              message:
                'src/optimizer is pure: it may use only the pure libraries of src/core, no I/O (the app passes data in).',
            },
          ],
        },
      ],
    },
  },
  {
    // Engine: scheduling is pure; effects come in through injected interfaces.
    files: ['src/engine/**/*.ts'],
    rules: {
      ...NO_CLOCK,
      'no-restricted-globals': ['error', ...GLOBALS_BELOW_FACE],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioPaths(
            'src/engine does no I/O itself: take an injected interface (see src/nodes/types.ts).',
          ),
          patterns: [
            {
              group: ['adapters', 'app', 'commands', 'ui'].flatMap(layer),
              message: 'src/engine may import only src/core and src/nodes/types (see docs/architecture.md).',
            },
            {
              group: ['**/nodes/*', '!**/nodes/types.js'],
              message:
                'src/engine may import only src/nodes/types from src/nodes; node types arrive through the registry.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node types: their I/O goes through ctx (http, process, runWorkflow), never direct.
    files: ['src/nodes/**/*.ts'],
    rules: {
      ...NO_ESCAPES,
      // Node types may load heavy pure libraries lazily (csv), but never I/O modules.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(node:|undici|execa|fs|child_process|net|http)/]',
          message: 'Node types do I/O only through ctx, never by importing I/O modules.',
        },
      ],
      'no-restricted-globals': ['error', ...GLOBALS_BELOW_FACE],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioPaths(
            'Node types do I/O only through ctx (ctx.http, ctx.process), so it stays safe and replayable.',
          ),
          patterns: [
            {
              group: ['engine', 'adapters', 'app', 'commands', 'ui'].flatMap(layer),
              message: 'src/nodes may import only src/core and src/nodes (see docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters: the I/O shell around core.
    files: ['src/adapters/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['app', 'commands', 'ui'].flatMap(layer),
              message:
                'src/adapters may import only src/core and src/nodes/types (see docs/architecture.md).',
            },
            {
              group: ['**/nodes/*', '!**/nodes/types.js'],
              message: 'src/adapters may import only src/nodes/types from src/nodes.',
            },
            {
              // The event types are the contract an adapter (event-log writer, fleet transport) implements.
              group: ['**/engine/*', '!**/engine/events.js'],
              message: 'src/adapters may not import the engine (only the types of src/engine/events).',
            },
            {
              group: ['**/engine/events.js'],
              allowTypeImports: true,
              message: 'src/adapters may import only the types of src/engine/events (use `import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    // App: wires everything together; the face sits above it.
    files: ['src/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['commands', 'ui'].flatMap(layer),
              message: 'src/app is below the face: return data and throw UserError; commands render it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Face, commands: keep the command map cheap to load. Heavy modules are imported lazily in run().
    files: ['src/commands/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // `../base.js`: topic commands (src/commands/<topic>/*.ts) share the cheap base class.
              regex: '^(?!@oclif/core$|\\./|\\.\\./base\\.js$)',
              allowTypeImports: true,
              message:
                'Command modules load for every invocation (even --version): import this lazily inside run() with `await import(…)`.',
            },
          ],
        },
      ],
    },
  },
  {
    // Face, rendering: may use everything below it, but not the commands.
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: layer('commands'),
              message: 'src/ui renders; commands call it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    // Launcher: the process entry that loads the bundle; it runs before anything else exists.
    files: ['src/launcher/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|\\./|env-paths$)',
              message:
                'src/launcher loads the CLI bundle: it may use only Node built-ins, env-paths and its own files (every import slows every start).',
            },
          ],
        },
      ],
    },
  },
  {
    // bin/ is CommonJS (bin/package.json): the launcher script requires the built launcher.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and tooling may do anything.
    files: ['test/**/*.ts', 'bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-restricted-globals': 'off', '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
