// The username format the AdminUser model documents (src/auth/admin-models.prisma): Django's
// UnicodeUsernameValidator, i.e. 1 to 150 letters, digits and @ . + - _ (no spaces).
export const USERNAME_MAX_LENGTH = 150;
const USERNAME = /^[\p{L}\p{N}_.@+-]+$/u;

/** The problem with a username, or null when it has the documented format. */
export function usernameProblem(username: string): string | null {
  if ([...username].length > USERNAME_MAX_LENGTH) return `A username has at most ${USERNAME_MAX_LENGTH} characters.`;
  if (!USERNAME.test(username)) return 'Enter a username of letters, digits and @ . + - _ only (no spaces).';
  return null;
}
