// A store for @fastify/rate-limit that keeps the login rate limit's counters where the lockout keeps its own (the
// AdminLoginThrottle table, see auth/login-throttle.ts), so the limit holds across every instance on the database.
import { throttleKey, type LoginThrottle } from '../../auth/login-throttle.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The store class @fastify/rate-limit instantiates (it passes its options, which this store does not need). */
export function loginRateStore(throttle: LoginThrottle) {
  return class LoginRateStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      throttle.hit(throttleKey('login-rate', key), timeWindow).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, resetAt.getTime() - Date.now()) }),
        (error: Error) => callback(error),
      );
    }

    child(): LoginRateStore {
      return new LoginRateStore();
    }
  };
}
