// One-shot messages shown on the page after a redirect ("The post was changed successfully."). They travel in a
// short-lived cookie, so any instance behind a load balancer can show them.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type MessageLevel = 'success' | 'error' | 'warning' | 'info';
export interface Message {
  level: MessageLevel;
  text: string;
}

const COOKIE = 'prisma_admin_messages';

/** A record label quoted in a message (“…”) is cut to this many characters, as the audit log cuts objectRepr. */
export const MESSAGE_LABEL_LENGTH = 200;
const MESSAGE_LENGTH = 1000;
/** The cookie's value at most (browsers and proxies refuse cookies over 4 KB, name and attributes included). */
const COOKIE_VALUE_BYTES = 3800;

export function addMessage(request: FastifyRequest, reply: FastifyReply, prefix: string, message: Message): void {
  const pending = [...takeMessages(request), { level: message.level, text: shortened(message.text) }].slice(-5);
  let value = encode(pending);
  // Older messages give way first; a single message too long in bytes (non-Latin text) is cut further.
  while (value.length > COOKIE_VALUE_BYTES) {
    if (pending.length > 1) pending.shift();
    else pending[0] = { ...pending[0], text: cut(pending[0].text, Math.floor(pending[0].text.length / 2)) };
    value = encode(pending);
  }
  reply.setCookie(COOKIE, value, {
    path: prefix || '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: 60,
  });
}

const encode = (messages: Message[]) => Buffer.from(JSON.stringify(messages)).toString('base64url');

function cut(text: string, length: number): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, Math.max(0, length - 1)).join('')}…`;
}

/** The text with every quoted record label cut to MESSAGE_LABEL_LENGTH, and the whole to MESSAGE_LENGTH. */
function shortened(text: string): string {
  return cut(text.replace(/“([^”]*)”/g, (_, label: string) => `“${cut(label, MESSAGE_LABEL_LENGTH)}”`), MESSAGE_LENGTH);
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
