import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Actor, Role } from '@floodnet/domain';
import { AuthStore, type KeyRecord, type KeyScope } from '../auth/store.js';
import { LoginGuard } from '../auth/login-guard.js';
import { hashPassword, hashPasswords, randomPassword, verifyPassword } from '../auth/passwords.js';
import { newTokenId, TokenSigner, type TokenPayload } from '../auth/tokens.js';
import type { ResolvedOptions } from '../config.js';
import {
  BadCredentials,
  LastAdmin,
  LoginLocked,
  NotAllowed,
  NotInScope,
  Unauthorized,
  UnknownKey,
  UnknownUser,
  UserExists,
} from '../errors.js';

export interface Session {
  token: string;
  role: Role;
  expiresAt: string;
  compoundId?: string;
  squadId?: string;
}

/** A bearer credential that still stands: a token (a person) or an API key (a program). */
export type Credential =
  | { kind: 'token'; actor: Actor; payload: TokenPayload }
  | { kind: 'key'; actor: Actor; key: KeyRecord };

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** Who may do what: people sign in for a token, programs carry an API key. */
export interface Auth {
  /** Checks a password; throws BAD_CREDENTIALS, or LOGIN_LOCKED after too many failures. */
  login(username: string, password: string, address: string): Promise<Session>;
  /** Revokes the token of this request (sign-out). */
  signOut(request: FastifyRequest): void;
  /** A token for internal use (the simulation acts as a commander with one). */
  issueToken(user: { name: string; role: Role; compoundId?: string; squadId?: string }): string;
  /** A new API key; replaces (and revokes) the name's previous key. Default scope `ingest`. */
  issueKey(name: string, scopes?: readonly KeyScope[]): string;
  removeKey(name: string): void;
  listKeys(): ReturnType<AuthStore['listKeys']>;
  createUser(username: string, password: string, role: Role, unitId?: string): Promise<void>;
  /** Creates every account or none; throws USER_EXISTS naming the first name taken. */
  createUsers(
    users: { username: string; password: string; role: Role; unitId?: string }[],
  ): Promise<void>;
  /** Changes an account; every change revokes the account's tokens and closes its sockets. */
  updateUser(
    username: string,
    change: UserChange,
  ): Promise<{ username: string; role: Role; disabled: boolean }>;
  removeUser(username: string): void;
  listUsers(): ReturnType<AuthStore['listUsers']>;
  /** The credential a bearer string stands for, if it still stands. */
  credential(bearer: string | undefined): Credential | null;
  /** The actor of any standing credential (token, or key of any scope), or null. */
  identify(bearer: string | undefined): Actor | null;
  /** The actor of a credential that may read the log and the picture (socket, GET), or null. */
  reader(bearer: string | undefined): Actor | null;
  /** Told whenever credentials stop standing, so open sockets can be checked again. */
  onRevoked(listener: () => void): void;
  /** Route hook for reads: any signed-in role, or a key with the `read` scope. */
  authenticate: onRequestHookHandler;
  /** Route hook for ingest: any signed-in role (decide checks it), or a key with `ingest`. */
  authenticateIngest: onRequestHookHandler;
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
    // Only this process writes auth.sqlite, so these caches stay true; every write updates them.
    const keyByHash = new Map<string, KeyRecord | null>();
    const generations = new Map<string, number>();
    const active = new Map<string, boolean>();
    const revoked = new Set(store.revokedTokenIds(Math.floor(Date.now() / 1000)));
    const revokedListeners: (() => void)[] = [];
    // Unknown users cost the same scrypt as known ones, so timing does not reveal who exists.
    const decoy = await hashPassword(randomPassword());

    const generation = (username: string) => {
      let value = generations.get(username);
      if (value === undefined) generations.set(username, (value = store.generation(username)));
      return value;
    };
    const isActive = (username: string) => {
      let value = active.get(username);
      if (value === undefined) {
        const user = store.findUser(username);
        active.set(username, (value = user !== undefined && !user.disabled));
      }
      return value;
    };
    const forgetUser = (username: string) => {
      generations.delete(username);
      active.delete(username);
    };
    const announceRevoked = () => {
      for (const listener of revokedListeners) listener();
    };

    const sign = (
      user: { name: string; role: Role; compoundId?: string; squadId?: string },
      internal: boolean,
    ) => {
      const exp = Math.floor(Date.now() / 1000) + options.tokenTtlSec;
      const payload: TokenPayload = {
        sub: user.name,
        role: user.role,
        ...binding(user.role, user.compoundId ?? user.squadId),
        exp,
        jti: newTokenId(),
        gen: generation(user.name),
        ...(internal ? { int: true } : {}),
      };
      return { token: signer.sign(payload), exp };
    };

    const credential = (text: string | undefined): Credential | null => {
      if (!text || text.length > 4096) return null;
      if (text.includes('.')) {
        const payload = signer.verify(text, Date.now());
        if (!payload || revoked.has(payload.jti)) return null;
        if (payload.gen !== generation(payload.sub)) return null;
        // A sign-in token needs its account still there and enabled; floodnet's own need none.
        if (!payload.int && !isActive(payload.sub)) return null;
        const { sub: name, role, compoundId, squadId } = payload;
        const actor: Actor = {
          name,
          role,
          ...(compoundId ? { compoundId } : {}),
          ...(squadId ? { squadId } : {}),
        };
        return { kind: 'token', actor, payload };
      }
      const hash = sha256(text);
      let key = keyByHash.get(hash);
      if (key === undefined) {
        key = store.findKey(hash) ?? null;
        if (keyByHash.size > 10_000) keyByHash.clear(); // random keys must not grow it for ever
        keyByHash.set(hash, key);
      }
      return key && { kind: 'key', actor: { name: key.name, role: 'source' }, key };
    };

    const reader = (text: string | undefined) => {
      const found = credential(text);
      if (!found) return null;
      if (found.kind === 'key' && !found.key.scopes.includes('read')) return null;
      return found.actor;
    };

    const identified = (request: FastifyRequest): Credential => {
      const found = credential(bearer(request));
      if (!found) {
        throw new Unauthorized(request.headers.authorization ? 'invalid or expired' : 'no token');
      }
      request.actor = found.actor;
      return found;
    };

    const authenticate = async (request: FastifyRequest) => {
      const found = identified(request);
      if (found.kind === 'key' && !found.key.scopes.includes('read')) {
        throw new NotInScope('this key may not read; an admin can grant it the read scope');
      }
    };

    const authenticateIngest = async (request: FastifyRequest) => {
      const found = identified(request);
      if (found.kind !== 'key') return;
      if (!found.key.scopes.includes('ingest')) throw new NotInScope('this key may not ingest');
      const stream = (request.query as { stream?: unknown } | undefined)?.stream ?? 'live';
      if (stream !== 'live') {
        throw new NotInScope('API keys write into live only; trainees command drills');
      }
    };

    const assertAdminRemains = (username: string, change: UserChange | 'remove') => {
      const user = store.findUser(username);
      if (!user || user.role !== 'admin' || user.disabled) return;
      const demoted =
        change === 'remove' ||
        change.disabled === true ||
        (change.role !== undefined && change.role !== 'admin');
      if (demoted && store.otherActiveAdmins(username) === 0) throw new LastAdmin(username);
    };

    const auth: Auth = {
      async login(username, password, address) {
        const wait = guard.retryAfterSec(username, address, Date.now());
        if (wait > 0) throw Object.assign(new LoginLocked(String(wait)), { retryAfter: wait });
        const user = store.findUser(username);
        const ok = await verifyPassword(password, user ?? decoy);
        if (!user || !ok || user.disabled) {
          guard.failed(username, address, Date.now());
          throw new BadCredentials();
        }
        guard.succeeded(username, address);
        const bound = binding(user.role, user.unitId ?? undefined);
        const { token, exp } = sign({ name: user.username, role: user.role, ...bound }, false);
        return { token, role: user.role, expiresAt: new Date(exp * 1000).toISOString(), ...bound };
      },
      signOut(request) {
        const found = identified(request);
        if (found.kind !== 'token') throw new NotInScope('an API key is revoked by an admin');
        revoked.add(found.payload.jti);
        store.revokeToken(found.payload.jti, found.payload.exp, Math.floor(Date.now() / 1000));
        announceRevoked();
      },
      issueToken: (user) => sign(user, true).token,
      issueKey(name, scopes = ['ingest']) {
        const key = randomBytes(32).toString('base64url');
        store.putKey(name, sha256(key), [...new Set(scopes)]);
        keyByHash.clear();
        announceRevoked();
        return key;
      },
      removeKey(name) {
        if (!store.removeKey(name)) throw new UnknownKey(name);
        keyByHash.clear();
        announceRevoked();
      },
      listKeys: () => store.listKeys(),
      async createUsers(users) {
        const hashes = await hashPasswords(users.map((user) => user.password));
        const records = users.map(({ username, role, unitId }, index) => ({
          username,
          role,
          unitId,
          ...hashes[index]!,
        }));
        const taken = store.addUsers(records);
        if (taken !== null) throw new UserExists(taken);
      },
      async createUser(username, password, role, unitId) {
        const { salt, hash } = await hashPassword(password);
        if (!store.addUser({ username, role, salt, hash, unitId })) throw new UserExists(username);
        forgetUser(username);
      },
      async updateUser(username, change) {
        if (!store.findUser(username)) throw new UnknownUser(username);
        assertAdminRemains(username, change);
        const secret = change.password === undefined ? {} : await hashPassword(change.password);
        store.updateUser(username, { role: change.role, disabled: change.disabled, ...secret });
        forgetUser(username);
        announceRevoked();
        const user = store.findUser(username)!;
        return { username, role: user.role, disabled: user.disabled };
      },
      removeUser(username) {
        if (!store.findUser(username)) throw new UnknownUser(username);
        assertAdminRemains(username, 'remove');
        store.removeUser(username);
        forgetUser(username);
        announceRevoked();
      },
      listUsers: () => store.listUsers(),
      credential,
      identify: (text) => credential(text)?.actor ?? null,
      reader,
      onRevoked: (listener) => void revokedListeners.push(listener),
      authenticate,
      authenticateIngest,
      requireRole(...roles) {
        return async (request: FastifyRequest) => {
          const found = identified(request);
          if (found.kind !== 'token' || !(roles as string[]).includes(found.actor.role)) {
            throw new NotAllowed(`needs ${roles.join(' or ')}`);
          }
        };
      },
    };

    await seedAccounts(store, options);
    app.decorate('auth', auth);
    app.decorateRequest('actor', null);
    app.addHook('onClose', async () => store.close());
  },
  { name: 'auth' },
);

/** Demo accounts on first start, and the admin password from the environment at every start. */
async function seedAccounts(store: AuthStore, options: ResolvedOptions): Promise<void> {
  const setPassword = async (username: string, password: string, role: Role) => {
    const { salt, hash } = await hashPassword(password);
    store.putUser({ username, role, salt, hash });
  };
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
    // Written only when it differs: a start on a full disk must not fail on a write it needs not.
    const admin = store.findUser('admin');
    const same =
      admin !== undefined &&
      admin.role === 'admin' &&
      (await verifyPassword(options.adminPassword, admin));
    if (admin && !same) {
      // A reset: the old password's tokens go with it.
      const { salt, hash } = await hashPassword(options.adminPassword);
      store.updateUser('admin', { role: 'admin', salt, hash });
    } else if (!admin) {
      await setPassword('admin', options.adminPassword, 'admin');
    }
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
