import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Actor, Role } from '@floodnet/domain';
import { AuthStore } from '../auth/store.js';
import { LoginGuard } from '../auth/login-guard.js';
import { hashPassword, randomPassword, verifyPassword } from '../auth/passwords.js';
import { TokenSigner } from '../auth/tokens.js';
import type { ResolvedOptions } from '../config.js';
import { BadCredentials, LoginLocked, NotAllowed, Unauthorized, UserExists } from '../errors.js';

export interface Session {
  token: string;
  role: Role;
  expiresAt: string;
  compoundId?: string;
  squadId?: string;
}

/** Who may do what: people sign in for a token, programs carry an API key. */
export interface Auth {
  /** Checks a password; throws BAD_CREDENTIALS, or LOGIN_LOCKED after too many failures. */
  login(username: string, password: string): Promise<Session>;
  /** A token for internal use (the simulation acts as a commander with one). */
  issueToken(user: { name: string; role: Role; compoundId?: string; squadId?: string }): string;
  /** A new API key for a gauge network or integrator; replaces the name's previous key. */
  issueKey(name: string): string;
  createUser(username: string, password: string, role: Role, unitId?: string): Promise<void>;
  /** Creates every account or none; throws USER_EXISTS naming the first name taken. */
  createUsers(
    users: { username: string; password: string; role: Role; unitId?: string }[],
  ): Promise<void>;
  /** The actor a bearer credential (token or key) stands for, or null. */
  identify(credential: string | undefined): Actor | null;
  /** Route hook: any valid token or key (reads are open to every role). */
  authenticate: onRequestHookHandler;
  /** Route hook: a valid token whose role is one of `roles`. */
  requireRole(...roles: Role[]): onRequestHookHandler;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor of a request that passed `authenticate`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized('no credentials');
  return request.actor;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : undefined;
}

/** The HMAC secret, made on first start and kept readable by the owner only. */
function tokenSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The token and actor fields that bind a `compound` or `squad` account to its unit. */
function binding(
  role: Role,
  unitId: string | undefined,
): { compoundId?: string; squadId?: string } {
  if (role === 'compound' && unitId) return { compoundId: unitId };
  if (role === 'squad' && unitId) return { squadId: unitId };
  return {};
}

function box(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const edge = `+${'-'.repeat(width + 2)}+`;
  return [edge, ...lines.map((line) => `| ${line.padEnd(width)} |`), edge].join('\n');
}

export default fp<{ options: ResolvedOptions }>(
  async function authPlugin(app, { options }) {
    const store = new AuthStore(join(options.dataDir, 'auth.sqlite'));
    const signer = new TokenSigner(tokenSecret(options.dataDir));
    const guard = new LoginGuard(options.loginFailuresBeforeLock, options.loginLockSec);
    const keyNames = new Map<string, string>();
    // Unknown users cost the same scrypt as known ones, so timing does not reveal who exists.
    const decoy = await hashPassword(randomPassword());

    const issueToken: Auth['issueToken'] = (user) =>
      signer.sign({
        sub: user.name,
        role: user.role,
        ...binding(user.role, user.compoundId ?? user.squadId),
        exp: Math.floor(Date.now() / 1000) + options.tokenTtlSec,
      });

    const setPassword = async (username: string, password: string, role: Role) => {
      const { salt, hash } = await hashPassword(password);
      store.putUser({ username, role, salt, hash });
    };

    const identify = (credential: string | undefined): Actor | null => {
      if (!credential) return null;
      if (credential.includes('.')) {
        const payload = signer.verify(credential, Date.now());
        if (!payload) return null;
        const { sub: name, role, compoundId, squadId } = payload;
        return {
          name,
          role,
          ...(compoundId ? { compoundId } : {}),
          ...(squadId ? { squadId } : {}),
        };
      }
      const hash = sha256(credential);
      let name = keyNames.get(hash);
      if (name === undefined) {
        name = store.keyName(hash);
        if (name === undefined) return null;
        keyNames.set(hash, name);
      }
      return { name, role: 'source' };
    };

    const authenticate = async (request: FastifyRequest) => {
      const actor = identify(bearer(request));
      if (!actor) {
        throw new Unauthorized(request.headers.authorization ? 'invalid or expired' : 'no token');
      }
      request.actor = actor;
    };

    const auth: Auth = {
      async login(username, password) {
        const wait = guard.retryAfterSec(username, Date.now());
        if (wait > 0) throw Object.assign(new LoginLocked(String(wait)), { retryAfter: wait });
        const user = store.findUser(username);
        const ok = await verifyPassword(password, user ?? decoy);
        if (!user || !ok) {
          guard.failed(username, Date.now());
          throw new BadCredentials();
        }
        guard.succeeded(username);
        const bound = binding(user.role, user.unitId ?? undefined);
        const token = issueToken({ name: user.username, role: user.role, ...bound });
        const expiresAt = new Date(Date.now() + options.tokenTtlSec * 1000).toISOString();
        return { token, role: user.role, expiresAt, ...bound };
      },
      issueToken,
      issueKey(name) {
        const key = randomBytes(32).toString('base64url');
        store.putKey(name, sha256(key));
        for (const [hash, owner] of keyNames) if (owner === name) keyNames.delete(hash);
        return key;
      },
      async createUser(username, password, role, unitId) {
        const { salt, hash } = await hashPassword(password);
        if (!store.addUser({ username, role, salt, hash, unitId })) throw new UserExists(username);
      },
      async createUsers(users) {
        const records = await Promise.all(
          users.map(async ({ username, password, role, unitId }) => ({
            username,
            role,
            unitId,
            ...(await hashPassword(password)),
          })),
        );
        const taken = store.addUsers(records);
        if (taken !== null) throw new UserExists(taken);
      },
      identify,
      authenticate,
      requireRole(...roles) {
        return async (request: FastifyRequest) => {
          await authenticate(request);
          const actor = actorOf(request);
          if (!(roles as string[]).includes(actor.role)) {
            throw new NotAllowed(`needs ${roles.join(' or ')}`);
          }
        };
      },
    };

    await seedAccounts(store, options, setPassword);
    app.decorate('auth', auth);
    app.decorateRequest('actor', null);
    app.addHook('onClose', async () => store.close());
  },
  { name: 'auth' },
);

/** Demo accounts on first start, and the admin password from the environment at every start. */
async function seedAccounts(
  store: AuthStore,
  options: ResolvedOptions,
  setPassword: (username: string, password: string, role: Role) => Promise<void>,
): Promise<void> {
  const firstStart = store.userCount() === 0;
  const created: string[] = [];
  if (firstStart) {
    const roles: Role[] = options.demoAccounts
      ? ['admin', 'commander', 'duty', 'viewer']
      : ['admin'];
    for (const role of roles) {
      if (role === 'admin' && options.adminPassword) continue;
      const password = randomPassword();
      await setPassword(role, password, role);
      created.push(`${role.padEnd(10)} ${password}`);
    }
  }
  if (options.adminPassword) {
    await setPassword('admin', options.adminPassword, 'admin');
    if (firstStart) created.unshift(`${'admin'.padEnd(10)} (FLOODNET_ADMIN_PASSWORD)`);
  }
  if (created.length > 0) {
    options.print(
      box([
        'floodnet accounts created on first start — shown ONCE, note them now:',
        '',
        ...created,
        '',
        'Set FLOODNET_ADMIN_PASSWORD to reset the admin password at start.',
      ]),
    );
  }
}
