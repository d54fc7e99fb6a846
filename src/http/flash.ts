// One-shot messages shown on the page after a redirect ("The post was changed successfully."). They travel in a
// short-lived cookie, so any instance behind a load balancer can show them.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type MessageLevel = 'success' | 'error' | 'warning' | 'info';
export interface Message {
  level: MessageLevel;
  text: string;
}

const COOKIE = 'prisma_admin_messages';

export function addMessage(request: FastifyRequest, reply: FastifyReply, prefix: string, message: Message): void {
  const pending = [...takeMessages(request), message].slice(-5);
  reply.setCookie(COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
    path: prefix || '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: 60,
  });
}

/** The messages waiting for this request (already-parsed cookie). The caller clears them once shown. */
export function takeMessages(request: FastifyRequest): Message[] {
  const raw = request.cookies?.[COOKIE];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return Array.isArray(parsed)
      ? parsed.filter((m): m is Message => typeof m?.text === 'string' && ['success', 'error', 'warning', 'info'].includes(m?.level))
      : [];
  } catch {
    return [];
  }
}

export function clearMessages(request: FastifyRequest, reply: FastifyReply, prefix: string): void {
  if (request.cookies?.[COOKIE]) reply.clearCookie(COOKIE, { path: prefix || '/' });
}
