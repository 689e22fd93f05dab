/**
 * The import rules of src/ (docs/architecture.md draws them), checked by `npm test` through `npm run depcruise`.
 * Layers, top first: a module may import its own layer and the layers below it, never one above.
 */

/** HTTP route modules that live beside the feature they serve: they sit at the edge, above everything but the entry points. */
const EDGE = ['^src/[^/]+/[^/]+-routes\\.ts$', '^src/[^/]+/mount-[^/]+\\.ts$', '^src/handoff/queue-stream\\.ts$'];

const LAYERS = [
  { name: 'entry points (server, CLI, tools)', path: ['^src/(server|cli|tools)/'] },
  { name: 'HTTP routes', path: EDGE },
  { name: 'channels and the hotline console', path: ['^src/(channels|agent-assist)/'] },
  { name: 'HTTP helpers', path: ['^src/http/'] },
  { name: 'bot and dialogs', path: ['^src/bot/'] },
  { name: 'assistant', path: ['^src/assistant/'] },
  { name: 'understanding', path: ['^src/understanding/'] },
  { name: 'knowledge, eligibility, calculators, hand-off, pre-application, documents, accounts, feedback, staff data, statistics, knowledge upkeep', path: ['^src/(knowledge|eligibility|calculators|handoff|preapplication|documents|accounts|feedback|staff-data|stats|upkeep)/'] },
  { name: 'storage', path: ['^src/storage/'] },
  { name: 'shared base (config, logging, text, errors, vocabulary)', path: ['^src/(config|logging|text|types)/', '^src/[^/]+\\.ts$'] },
];

/** Where a process starts: everything else must be reachable from one of these. */
// The bench also runs scripts of its own as child processes (bench/ask-serving.ts).
const ENTRY_POINTS = ['^src/server/main\\.ts$', '^src/cli/main\\.ts$', '^src/tools/[^/]+\\.ts$', '^src/tools/bench/ask-serving\\.ts$'];

// For each layer: its modules (minus those of a higher layer that share its folder, like an HTTP route module
// inside src/handoff/) may not import any module of a higher layer.
const layerRules = LAYERS.slice(1).map((layer, i) => {
  const above = LAYERS.slice(0, i + 1);
  return {
    name: `layer: ${layer.name}`,
    comment: `${layer.name} may not import a layer above it (${above.map((l) => l.name).join('; ')})`,
    severity: 'error',
    from: { path: layer.path, pathNot: above.flatMap((l) => l.path) },
    to: { path: above.flatMap((l) => l.path) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-server-imports',
      comment: 'src/server/ composes the application; only the entry points (server, CLI, tools) may import it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(server|cli|tools)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'no-god-object',
      comment: 'the whole assistant (assistant/lawline.ts) is for the composition roots; everything else names the services it uses (assistant/services.ts)',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(server|cli|tools)/', '^src/assistant/lawline\\.ts$'] },
      to: { path: '^src/assistant/lawline\\.ts$' },
    },
    {
      name: 'http-at-the-edge',
      comment: 'business modules never speak HTTP: express is for the entry points, routes, channels and src/http/',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(server|cli|tools|channels|agent-assist|http)/', ...EDGE] },
      to: { path: 'node_modules/(@types/)?express/' },
    },
    {
      name: 'no-circular',
      comment: 'import cycles (type-only imports included) make modules impossible to understand or load alone',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'a module nothing imports and that imports nothing is dead code',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', ...ENTRY_POINTS] },
      to: {},
    },
    {
      name: 'no-unreachable',
      comment: 'every module is used by the server, the CLI or a tool (modules only tests use are dead code)',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: ['\\.d\\.ts$', ...ENTRY_POINTS], reachable: false },
    },
    {
      name: 'no-test-imports',
      comment: 'src/ never imports from test/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Untracked scratch files (src/*-tmp.ts) are nobody's module.
    exclude: { path: '^src/[^/]+-tmp\\.ts$' },
    // Type-only imports count: a type from a higher layer couples as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
