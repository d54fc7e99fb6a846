// Dev/test only: the readable, deterministic values of the demo blog seed (scripts/seed.ts inserts them).
// Everything comes from a seeded PRNG and a fixed base date, so two runs produce the same rows.

export const DAY = 86_400_000;
/** "Now" for the seed: every date lies in the three years before it. */
export const BASE_DATE = new Date('2025-06-01T12:00:00.000Z');
const BASE = BASE_DATE.getTime();
const SPAN = 3 * 365 * DAY;
const START = BASE - SPAN;

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and good enough for fake data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const words = (text: string) => text.trim().split(/\s+/);
const firstNames = words(`Ada Alan Grace Linus Margaret Ken Barbara Dennis Radia Guido Anders Brendan Yukihiro Rasmus
  Bjarne Frances Hedy Katherine Dorothy Edsger Donald Niklaus Tim Vint Sophie Jean Annie Ruth Joan Carol Mary Leslie
  Amina Kwame Priya Arjun Mei Hiroshi Sofia Mateo Lucia Omar Leila Ivan Olga Noah Emma Liam Chloe Lars Ingrid Tomasz
  Zofia Diego Camila Tariq Fatima Kenji Aiko Chen Wei Nia Kofi Ayesha Rafael Elena Hugo Clara Felix Marta`);
const lastNames = words(`Lovelace Turing Hopper Torvalds Hamilton Thompson Liskov Ritchie Perlman Rossum Hejlsberg Eich
  Matsumoto Lerdorf Stroustrup Allen Lamarr Johnson Vaughan Dijkstra Knuth Wirth Berners-Lee Cerf Wilson Sammet Easley
  Teitelbaum Clarke Shaw Keller Lamport Okafor Mensah Sharma Patel Zhang Tanaka Garcia Rossi Haddad Karimi Petrov Ivanova
  Martin Dubois Nielsen Berg Kowalski Nowak Fernandez Silva Rahman Khan Sato Suzuki Li Wang Mwangi Boateng Siddiqui
  Costa Romero Moreau Fischer Lindqvist Novak Horvat`);
const topics = words(`TypeScript Node.js PostgreSQL SQLite Prisma Django Rust Go Python Kubernetes CSS accessibility
  testing security observability databases caching design-systems APIs performance`);
const companies = words('Acme Initech Globex Umbrella Hooli Stark Wayne Wonka Tyrell Cyberdyne Soylent Vandelay');
const roles = ['an engineer', 'a designer', 'a product manager', 'a data analyst', 'a site reliability engineer', 'a teacher'];
const verbs = words(`build test debug deploy refactor scale monitor design document secure migrate profile cache ship
  review automate simplify measure index model untangle rewrite`);
const adjectives = words(`fast reliable boring modern tiny practical hidden better pragmatic resilient readable typed
  distributed incremental safe lazy gentle robust minimal accidental cheap hard simple clean small quiet`);
const nouns = ['API', 'database', 'query', 'schema', 'migration', 'cache', 'form', 'test suite', 'dashboard', 'pipeline',
  'admin panel', 'service', 'index', 'job queue', 'deploy', 'release', 'team', 'codebase', 'monolith', 'feature flag',
  'error page', 'login flow', 'search box', 'build', 'changelog', 'backup', 'server', 'component', 'style sheet',
  'workflow', 'on-call rotation', 'data model'];

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const titleTemplates: ((r: Random) => string)[] = [
  (r) => { const a = r.pick(adjectives); return `How to ${r.pick(verbs)} ${article(a)} ${a} ${r.pick(nouns)}`; },
  (r) => `${r.int(3, 12)} ${r.pick(adjectives)} ways to ${r.pick(verbs)} your ${r.pick(nouns)}`,
  (r) => { const a = r.pick(adjectives); return `Why your ${r.pick(nouns)} needs ${article(a)} ${a} ${r.pick(nouns)}`; },
  (r) => `What we learned when we tried to ${r.pick(verbs)} our ${r.pick(nouns)}`,
  (r) => `Stop trying to ${r.pick(verbs)} the ${r.pick(nouns)}`,
  (r) => `${r.pick(topics)} in practice: ${r.pick(verbs)} the ${r.pick(nouns)}`,
  (r) => `A field guide to the ${r.pick(adjectives)} ${r.pick(nouns)}`,
  (r) => `Should you ${r.pick(verbs)} your ${r.pick(nouns)} with ${r.pick(topics)}?`,
  (r) => `Inside our ${r.pick(adjectives)} ${r.pick(nouns)}`,
  (r) => `${r.pick(topics)} tip: ${r.pick(verbs)} the ${r.pick(nouns)} first`,
  (r) => `The ${r.pick(adjectives)} ${r.pick(nouns)}, one year later`,
  (r) => `${capitalise(r.pick(verbs))} less, ${r.pick(verbs)} more: notes on the ${r.pick(nouns)}`,
];

const sentenceTemplates: ((r: Random) => string)[] = [
  (r) => `The ${r.pick(nouns)} should stay ${r.pick(adjectives)} when you ${r.pick(verbs)} it.`,
  (r) => `Most teams ${r.pick(verbs)} the ${r.pick(nouns)} long before they ${r.pick(verbs)} the ${r.pick(nouns)}.`,
  (r) => `We spent ${r.int(2, 9)} weeks trying to ${r.pick(verbs)} a ${r.pick(nouns)} that nobody had touched in years.`,
  (r) => `With ${r.pick(topics)}, a ${r.pick(adjectives)} ${r.pick(nouns)} is the default rather than the exception.`,
  (r) => `It is tempting to ${r.pick(verbs)} everything at once, but the ${r.pick(nouns)} rarely agrees.`,
  (r) => `A ${r.pick(adjectives)} ${r.pick(nouns)} beats a clever one on every Monday morning.`,
  (r) => `Measure first: the ${r.pick(nouns)} was never the slow part.`,
  (r) => `Our ${r.pick(nouns)} now handles ${r.int(2, 90) * 1000} requests a minute without anyone noticing.`,
  (r) => `If you only ${r.pick(verbs)} one thing this quarter, make it the ${r.pick(nouns)}.`,
  (r) => `Nobody reads the ${r.pick(nouns)} until it breaks, which is exactly why it deserves care.`,
  (r) => `The fix was ${r.pick(adjectives)}: ${r.pick(verbs)} the ${r.pick(nouns)}, then ${r.pick(verbs)} the ${r.pick(nouns)}.`,
  (r) => `${capitalise(r.pick(topics))} made it ${r.pick(adjectives)} to ${r.pick(verbs)} the ${r.pick(nouns)}.`,
];

// Bodies and comments draw whole sentences from pools made once from their own seed: much faster than building every
// sentence word by word for 100,000 posts, and still varied enough to read like a blog.
const poolRandom = createRandom(0xb0d1e5);
const sentences = Array.from({ length: 2_000 }, () => poolRandom.pick(sentenceTemplates)(poolRandom));
const commentOpeners = ['Great post!', 'Thanks for writing this.', 'I disagree with the second part.', 'Interesting take.',
  'This helped a lot.', 'Small typo in the third paragraph.', 'Has anyone tried this with SQLite?', 'We did the same at work.',
  '+1', 'Bookmarked.', 'Not convinced, to be honest.', 'Could you share the code?', 'Finally someone said it.'];
const codeSamples = [
  "```ts\nconst posts = await prisma.post.findMany({ where: { status: 'published' }, take: 20 });\n```",
  '```sql\nSELECT count(*) FROM "Post" WHERE "publishedAt" IS NOT NULL;\n```',
  '```sh\nnode --import tsx scripts/seed.ts --size demo\n```',
];

function paragraph(r: Random, min: number, max: number): string {
  const count = r.int(min, max);
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(r.pick(sentences));
  return parts.join(' ');
}

function body(r: Random): string {
  const blocks = [paragraph(r, 3, 5)];
  if (r.chance(0.3)) blocks.push(`## ${capitalise(r.pick(verbs))} the ${r.pick(nouns)}`);
  blocks.push(paragraph(r, 2, 5));
  if (r.chance(0.25)) blocks.push([1, 2, 3].map(() => `- ${capitalise(r.pick(verbs))} the ${r.pick(nouns)}`).join('\n'));
  if (r.chance(0.1)) blocks.push(r.pick(codeSamples));
  const more = r.int(0, 2);
  for (let i = 0; i < more; i++) blocks.push(paragraph(r, 2, 4));
  return blocks.join('\n\n');
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'post';
}

/** A slug not yet in `taken` (base, base-2, base-3, ...); `taken` maps each used slug to its last suffix. */
export function uniqueSlug(base: string, taken: Map<string, number>): string {
  if (!taken.has(base)) {
    taken.set(base, 1);
    return base;
  }
  let n = taken.get(base)!;
  let slug: string;
  do slug = `${base}-${++n}`;
  while (taken.has(slug));
  taken.set(base, n);
  taken.set(slug, 1);
  return slug;
}

const asciiName = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.');
const atSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

const COUNTRIES = ['Germany', 'France', 'Japan', 'Brazil', 'Canada', 'Kenya', 'India'];

export function authorRows(r: Random, count: number) {
  const emails = new Set<string>();
  const rows = [];
  for (let i = 0; i < count; i++) {
    let name = `${r.pick(firstNames)} ${r.pick(lastNames)}`;
    let bio: string | null = r.chance(0.15)
      ? null
      : `${name.split(' ')[0]} writes about ${r.pick(topics)} and ${r.pick(topics)}. Previously ${r.pick(roles)} at ${r.pick(companies)}.`;
    const createdAt = atSecond(START - r.next() * 365 * DAY);
    if (i === 0) {
      name = "Zoë O'Connor-Łukasiewicz";
      bio = 'Writes about <b>HTML</b> & "escaping" — and signs with <script>alert(\'bio\')</script>.';
    }
    const local = asciiName(name).replace(/^\.+|\.+$/g, '');
    let email = `${local}@example.com`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@example.com`;
    emails.add(email);
    // From the index, not the random stream: the other seeded values stay as they were.
    const country = i % 9 === 8 ? null : COUNTRIES[i % COUNTRIES.length];
    rows.push({ name, email, bio, createdAt, country });
  }
  return rows;
}

const categoryNames = ['Engineering', 'Design', 'Product', 'Culture', 'Tutorials', 'Announcements', 'Data', 'Security',
  'DevOps', 'Frontend', 'Backend', 'Mobile', 'Career', 'Open Source', 'Research', 'Opinion'];

/** Categories; with three or more, the last one ("Drafts & Ideas") is never given a post. */
export function categoryRows(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const last = count >= 3 && i === count - 1;
    const name = last ? 'Drafts & Ideas' : i < categoryNames.length ? categoryNames[i] : `${categoryNames[i % categoryNames.length]} ${Math.floor(i / categoryNames.length) + 1}`;
    const description = last ? null : `Posts about ${name.toLowerCase()}: how we work, what we learned, what broke.`;
    return { name, slug: slugify(name), description };
  });
}

const usableCategories = (count: number) => (count >= 3 ? count - 1 : count);

const tagWords = words(`javascript typescript node prisma postgres sqlite react css html testing performance security
  accessibility devops docker kubernetes rust go python ai ux design api graphql rest caching databases migrations
  tooling ci observability logging career remote open-source architecture refactoring debugging web mobile cloud
  serverless linux git tutorial beginner advanced release-notes`);

/** Tag names; with three or more, the next to last has awkward characters and the last is never used. */
export function tagNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (count >= 3 && i === count - 1) return 'never-used';
    if (count >= 3 && i === count - 2) return 'c++ & <templates>';
    return i < tagWords.length ? tagWords[i] : `${tagWords[i % tagWords.length]}-${Math.floor(i / tagWords.length) + 1}`;
  });
}

const usableTags = (count: number) => (count >= 3 ? count - 1 : count);

export interface EdgePost {
  title: string;
  body?: string;
  status?: 'draft' | 'published' | 'archived';
  rating?: string | null;
  viewCount?: number;
  noCategory?: boolean;
  tags?: 'none' | 'many';
}

/** Rows an admin demo and its tests want to find: they are the first posts (ids 1, 2, ... in a fresh database). */
export function edgePosts(): EdgePost[] {
  return [
    {
      title: '<script>alert(1)</script>',
      body: 'This title is an XSS probe: every page must show it as text.\n\n<img src=x onerror=alert(2)> and a [link](javascript:alert(3)).',
      status: 'published',
    },
    { title: 'Café ☕ déjà vu — naïve façades, 日本語 & emoji 🎉🚀', status: 'published', tags: 'many' },
    {
      title: `A very long title that keeps going ${'and going '.repeat(22)}until it no longer fits on one line`,
      body: Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}. ${sentences[i]} ${sentences[i + 20]}`).join('\n\n'),
      status: 'draft',
    },
    { title: `"Quoted" & 'apostrophes' — <b>not bold</b> & Tom & Jerry`, status: 'archived' },
    { title: 'A', body: '.', status: 'draft', rating: null, viewCount: 0, noCategory: true, tags: 'none' },
    { title: 'Most viewed post ever', status: 'published', viewCount: 2_147_483_647, rating: '5.0', tags: 'many' },
    { title: 'Rated zero', status: 'published', rating: '0.0' },
  ];
}

/** What the comments need to know about a post. */
export interface PostFacts {
  publishedAt: number | null;
}

interface PostRefs {
  authors: number;
  authorId(index: number): number;
  categories: number;
  categoryId(index: number): number;
}

/** Post number `i` of `total`. Draws the same random values whether or not it is an edge case. */
export function postRow(r: Random, i: number, total: number, edge: EdgePost | undefined, slugs: Map<string, number>, refs: PostRefs) {
  const title = r.pick(titleTemplates)(r);
  const text = body(r);
  const createdAt = START + (SPAN * (i + r.next())) / Math.max(total, 1);
  const roll = r.next();
  const publishDelay = r.next() * 5 * DAY;
  const edited = r.chance(0.5) ? r.next() * 0.3 : 0;
  const views = Math.floor(Math.exp(r.next() * 9)) - 1;
  const rated = r.chance(0.8);
  const ratingTenths = r.int(0, 50);
  const hasCategory = r.chance(0.9);
  const categoryIndex = r.int(0, Math.max(usableCategories(refs.categories) - 1, 0));
  const authorIndex = Math.floor(r.next() ** 2 * refs.authors);

  const status = edge?.status ?? (roll < 0.2 ? 'draft' : roll < 0.9 ? 'published' : 'archived');
  const publishedAt = status === 'draft' ? null : Math.min(createdAt + publishDelay, BASE);
  const lastChange = publishedAt ?? createdAt;
  const updatedAt = lastChange + (BASE - lastChange) * edited;
  const finalTitle = edge?.title ?? title;
  const rating = edge && 'rating' in edge ? edge.rating ?? null : rated ? (ratingTenths / 10).toFixed(1) : null;
  const row = {
    title: finalTitle,
    slug: uniqueSlug(slugify(finalTitle), slugs),
    body: edge?.body ?? text,
    status,
    publishedAt: publishedAt === null ? null : atSecond(publishedAt),
    createdAt: atSecond(createdAt),
    updatedAt: atSecond(updatedAt),
    viewCount: edge?.viewCount ?? (status === 'draft' ? 0 : views),
    rating,
    authorId: refs.authorId(Math.min(authorIndex, refs.authors - 1)),
    categoryId: edge?.noCategory || !hasCategory || refs.categories === 0 ? null : refs.categoryId(categoryIndex),
  };
  return { row, fact: { publishedAt: row.publishedAt?.getTime() ?? null } satisfies PostFacts };
}

/** Indexes of 0–4 distinct tags for a post. */
export function tagsForPost(r: Random, tagCount: number, edge: EdgePost | undefined): number[] {
  const usable = usableTags(tagCount);
  const wanted = Math.min(r.pick([0, 1, 1, 2, 2, 2, 3, 3, 4]), usable);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(Math.floor(r.next() ** 1.3 * usable));
  if (edge?.tags === 'none') return [];
  if (edge?.tags === 'many') return Array.from({ length: Math.min(4, usable) }, (_, i) => usable - 1 - i);
  return [...chosen].sort((a, b) => a - b);
}

const readerHandles = words('devgal ops_guy sqlfan nightowl rubberduck tabsnotspaces yakshaver null_pointer lgtm');

/** Comment number `i`, on a post with `fact`; the first two are edge cases. */
export function commentRow(r: Random, i: number, fact: PostFacts) {
  const authorName = r.chance(0.2) ? `${r.pick(readerHandles)}${r.int(1, 99)}` : `${r.pick(firstNames)} ${r.pick(lastNames)}`;
  const text = r.chance(0.3) ? r.pick(commentOpeners) : `${r.pick(commentOpeners)} ${paragraph(r, 1, 2)}`;
  const from = fact.publishedAt ?? START;
  const createdAt = atSecond(Math.min(from + 60_000 + r.next() * 90 * DAY, BASE));
  const approved = r.chance(0.75);
  if (i === 0) {
    return { authorName: `Robert'); DROP TABLE "Post";--`, body: `<img src=x onerror="alert('xss')">Nice post!`, createdAt, approved: false };
  }
  if (i === 1) return { authorName: 'Søren 🦀', body: '🔥🔥🔥 Love this — merci beaucoup ! 日本語もOK.', createdAt, approved: true };
  return { authorName, body: text, createdAt, approved };
}
