// Login, logout and changing one's own password.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordProblem } from '../auth/passwords.ts';
import type { AdminContext } from '../admin/context.ts';
import { addMessage } from '../http/flash.ts';
import { formText, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { rotateCsrfSecret } from '../http/security/csrf.ts';
import { clearSessionCookie, safeNext, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, setSessionCookie } from '../http/security/session.ts';

const LOGIN_FAILED = 'Please enter a correct username and password. Note that both fields may be case-sensitive.';

export async function loginView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const next = safeNext((request.query as Record<string, unknown>).next, ctx.prefix);
  if (request.method === 'GET') {
    if (request.adminUser) return reply.redirect(next, 303);
    return renderLogin(ctx, request, reply, { username: '', next, error: null });
  }
  const form = await readForm(request);
  const username = (formText(form, 'username') ?? '').trim().slice(0, 150);
  const password = (formText(form, 'password') ?? '').slice(0, 1024);
  const target = safeNext(formText(form, 'next') ?? next, ctx.prefix);
  if (!username || !password) {
    return renderLogin(ctx, request, reply, { username, next: target, error: 'Enter your username and password.' }, 400);
  }
  // The socket's address, as the rate limit uses (X-Forwarded-For is written by the client).
  const result = await ctx.auth.authenticate(username, password, request.socket.remoteAddress ?? request.ip);
  // One answer for every refusal: a locked-out username is not told apart from a wrong password (types.ts).
  if (!result.ok) return renderLogin(ctx, request, reply, { username, next: target, error: LOGIN_FAILED }, 400);
  // A fresh session at every login: whatever session id the browser had before is dropped (no fixation).
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await ctx.auth.endSession(previous);
  setSessionCookie(request, reply, ctx.prefix, await ctx.auth.startSession(result.user, SESSION_MAX_AGE_SECONDS));
  rotateCsrfSecret(reply);
  return reply.redirect(target, 303);
}

export async function logoutView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await ctx.auth.endSession(token);
  clearSessionCookie(reply, ctx.prefix);
  addMessage(request, reply, ctx.prefix, { level: 'success', text: 'You have been logged out.' });
  return reply.redirect(`${ctx.prefix}/login`, 303);
}

export async function passwordChangeView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const user = request.adminUser!;
  const urls = urlsOf(ctx);
  const page = (errors: Record<string, string>, status = 200) =>
    renderPage(ctx, request, reply, 'password_change', { errors, errorCount: Object.keys(errors).length, supported: ctx.auth.kind === 'database' }, {
      title: 'Password change',
      status,
      breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: 'Password change' }],
    });
  if (request.method === 'GET') return page({});
  if (ctx.auth.kind !== 'database') return page({ __all__: 'This admin’s only user comes from the environment: change ADMIN_PASSWORD instead.' }, 400);
  const form = await readForm(request);
  const oldPassword = formText(form, 'old_password') ?? '';
  const new1 = formText(form, 'new_password1') ?? '';
  const new2 = formText(form, 'new_password2') ?? '';
  const errors: Record<string, string> = {};
  if (!oldPassword) errors.old_password = 'This field is required.';
  const problem = passwordProblem(new1, user.username);
  if (problem) errors.new_password1 = problem;
  if (!errors.new_password1 && new1 !== new2) errors.new_password2 = 'The two password fields didn’t match.';
  if (Object.keys(errors).length) return page(errors, 400);
  const result = await ctx.auth.changePassword(user, oldPassword, new1, request.cookies[SESSION_COOKIE]);
  if (result === 'wrong-password') return page({ old_password: 'Your old password was entered incorrectly. Please enter it again.' }, 400);
  addMessage(request, reply, ctx.prefix, { level: 'success', text: 'Your password was changed.' });
  return reply.redirect(urls.index(), 303);
}

function renderLogin(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, data: { username: string; next: string; error: string | null }, status = 200) {
  return renderPage(ctx, request, reply, 'login', data, { title: 'Log in', status, breadcrumbs: [] });
}
