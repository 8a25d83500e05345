/**
 * Import rules checked by `npm run deps:check` (dependency-cruiser): no cycles anywhere in src/ and dialogs/, and the
 * pure modules stay pure. Type-only imports count: a cycle of types is still a cycle for a reader.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      from: { path: '^(src|dialogs)/' },
      to: { circular: true },
    },
    {
      name: 'pure-decisions',
      severity: 'error',
      comment: 'The decision module and the turn reader are pure: no Bot Framework, no I/O.',
      from: { path: '^src/(triage|turn)/' },
      to: { path: 'node_modules/(botbuilder|botbuilder-core|botbuilder-dialogs|restify)/|^node:(fs|net|http|https|child_process)$' },
    },
    {
      name: 'dialogs-orchestrate-only',
      severity: 'error',
      comment: 'Dialogs depend on the modules below them, never on the bot, the server or the composition root.',
      from: { path: '^dialogs/' },
      to: { path: '^src/(bot|server|cli|composition|app|index)' },
    },
    {
      name: 'domain-below-dialogs',
      severity: 'error',
      comment: 'Domain code in src/ does not reach up into dialogs/ (only the bot and the composition root wire them).',
      from: { path: '^src/', pathNot: '^src/(bot|composition|app|cli|index)' },
      to: { path: '^dialogs/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
