// server.mjs: an ES module (.mjs), so top-level await works in any package, "type": "module" or not.
// Log in with ADMIN_USERNAME and ADMIN_PASSWORD (set them when you start it) until you add the admin's own users.
import Fastify from 'fastify';
import { admin, AdminSite, ModelAdmin } from 'prisma-admin-site';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/index.js'; // generator client { provider = "prisma-client-js", output = "../generated/prisma" }

const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL ?? 'file:./dev.db' }) });

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status', 'publishedAt'];
  listFilter = ['status', 'author', 'publishedAt'];
  searchFields = ['title', 'body', 'author.name'];
  ordering = ['-publishedAt'];
}

const site = new AdminSite({ title: 'Blog admin' }).register('Post', PostAdmin);

const app = Fastify();
await app.register(admin, { prefix: '/admin', schema: 'prisma/schema.prisma', prisma, site });
const address = await app.listen({ port: Number(process.env.PORT ?? 3000) });
console.log(`Admin: ${address}/admin/`);
