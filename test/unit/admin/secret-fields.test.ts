// Secrets by name, and the hashers of passwordFields: what they store is what the app's own login verifies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verify as argon2Verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { isSecretFieldName } from '../../../src/admin/secret-fields.ts';
import { argon2Hasher, bcryptHasher, hashSummary, resolveHasher, scryptHasher, secretSummary } from '../../../src/forms/password-hashers.ts';

test('names that say password, hash, secret, token, api key or salt are secrets; whole words only', () => {
  for (const name of ['password', 'passwordHash', 'hashed_password', 'pwd', 'twoFactorSecret', 'refresh_token', 'access_token', 'id_token',
    'sessionToken', 'apiKey', 'api_key', 'APIKey', 'salt', 'passwordSalt', 'privateKey', 'otpSecret', 'resetPasswordToken', 'password_digest', 'encryptionKey']) {
    assert.equal(isSecretFieldName(name), true, name);
  }
  for (const name of ['name', 'email', 'hashtag', 'hashtags', 'tokenType', 'token_type', 'passwordHint', 'keyboard', 'monkey', 'saltLakeCity', 'passport', 'session_state', 'scope', 'key', 'tokenExpiry']) {
    assert.equal(isSecretFieldName(name), false, name);
  }
});

test('bcrypt: a hash bcrypt.compare accepts, and the summary shows its cost and a few characters', async () => {
  const hash = await bcryptHasher({ rounds: 4 }).hash('correct horse');
  assert.equal(await bcrypt.compare('correct horse', hash), true);
  assert.equal(await bcryptHasher().verify('correct horse', hash), true);
  assert.equal(hashSummary(hash), `algorithm: bcrypt, cost: 4, hash: ${hash.slice(0, 13)}…****`);
});

test('argon2: an argon2id PHC string any argon2 binding verifies', async () => {
  const hash = await argon2Hasher().hash('correct horse');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await argon2Verify(hash, 'correct horse'), true);
  assert.equal(await resolveHasher('argon2').verify('wrong', hash), false);
  assert.match(hashSummary(hash), /^algorithm: argon2id, m=19456, t=2, p=1, salt: .{6}…\*{4}, hash: .{6}…\*{4}$/);
  assert.ok(!hashSummary(hash).includes(hash.split('$')[5]));
});

test('scrypt stays the default; unknown formats and other secrets show no character', async () => {
  assert.equal(resolveHasher(undefined), scryptHasher);
  assert.match(hashSummary(await scryptHasher.hash('correct horse')), /^algorithm: scrypt, N: 32768, r: 8, p: 1, salt: /);
  assert.equal(hashSummary('plain-text-password'), 'Unknown password format (19 characters): ********');
  assert.equal(secretSummary('tok_123'), '******** (7 characters)');
  assert.equal(secretSummary(null), '');
});
