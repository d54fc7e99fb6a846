// The layers of src/ (docs/ARCHITECTURE.md), checked by `npm run lint:deps` in `npm test`. A rule is named after
// the layer it keeps clean, and its comment is what dependency-cruiser prints when an import breaks it. No exceptions:
// a shared type lives in the lowest layer that needs it.
const WEB = '^src/(http|views|cli)/|^src/(plugin|index)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'schema-imports-nothing-of-ours',
      comment: 'src/schema (the introspector) stands alone: it reads a schema with Prisma\'s parser and imports no other module of this project.',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^(src|scripts|bench|test|bin|prisma)/', pathNot: '^src/schema/' },
    },
    {
      name: 'markup-imports-nothing-of-ours',
      comment: 'src/markup (the html`` helper, Markdown rendering and sanitizing) stands alone: it imports no other module of this project.',
      severity: 'error',
      from: { path: '^src/markup/' },
      to: { path: '^(src|scripts|bench|test|bin|prisma)/', pathNot: '^src/markup/' },
    },
    {
      name: 'files-import-nothing-of-ours',
      comment: 'src/files (file storages, type sniffing, thumbnails) stands alone: it imports no other module of this project, and no web framework.',
      severity: 'error',
      from: { path: '^src/files/' },
      to: { path: '^(src|scripts|bench|test|bin|prisma)/|(^|/)node_modules/(fastify|@fastify)/', pathNot: '^src/files/' },
    },
    {
      name: 'forms-know-no-web',
      comment: 'src/forms builds zod schemas from metadata: it may not import http/, views/, cli/ or the plugin.',
      severity: 'error',
      from: { path: '^src/forms/' },
      to: { path: WEB },
    },
    {
      name: 'data-knows-no-web',
      comment: 'src/data queries through Prisma: it may not import http/, views/, cli/ or the plugin (the AdminContext is in src/admin/context.ts, delegates in src/data/delegates.ts).',
      severity: 'error',
      from: { path: '^src/data/' },
      to: { path: WEB },
    },
    {
      name: 'admin-knows-no-web',
      comment: 'src/admin (the site and its ModelAdmins) may not import http/, views/, cli/ or the plugin.',
      severity: 'error',
      from: { path: '^src/admin/' },
      to: { path: WEB },
    },
    {
      name: 'views-know-no-cli',
      comment: 'src/views render pages for any host of the plugin: they may not import src/cli (the CLI sits on top).',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'src-ships-alone',
      comment: 'The package (src/) may not import scripts/, bench/ or test/: they are not published.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|bench|test)/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules may not import each other in a cycle (type-only imports included): move what both need to a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // Generated Prisma clients (the demo's, the test fixtures') are Prisma's code, with Prisma's own cycles.
    exclude: { path: '(^|/)generated(-pg)?/' },
  },
};
