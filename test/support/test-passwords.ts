// Password hashes for the users the tests make: scrypt in the admin's own format at a low cost (N = 2^10, about 1 ms
// instead of 70), since each login verifies one and the suites log in thousands of times. The production cost is
// still what the admin's own hashing runs in the tests: passwords typed into its forms, `createsuperuser`, the demo's
// superuser in the browser tests and the dummy hash for unknown usernames (test/unit/admin/secret-fields checks N).
import { hashPassword, type ScryptCost } from '../../src/auth/passwords.ts';

export const TEST_HASH_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

export function testPasswordHash(password: string): Promise<string> {
  return hashPassword(password, TEST_HASH_COST);
}
