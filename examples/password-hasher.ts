// password-hasher.ts: password fields hashed the way your app's own login verifies them.
import { AdminSite, ModelAdmin } from 'prisma-admin-site';

class UserAdmin extends ModelAdmin {
  passwordFields = ['passwordHash'];
  passwordHasher = 'bcrypt' as const;   // your login keeps `await bcrypt.compare(password, user.passwordHash)`
}
export const site = new AdminSite().register('User', UserAdmin);
