import createError from '@fastify/error';
import { ROLES, type Role, type State } from '@floodnet/domain';
import { checkBinding } from './binding.js';

export const CsvInvalid = createError('CSV_INVALID', '%s', 422);

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  unitId?: string;
}

const HEADER = ['username', 'password', 'role', 'unit'];
const USERNAME = /^[a-zA-Z0-9._-]{1,64}$/;
export const MAX_ACCOUNTS = 1000;

function fail(line: number, message: string): Error {
  return Object.assign(new CsvInvalid(`line ${line}: ${message}`), { path: `/line/${line}` });
}

/** Splits one CSV line; fields may be double-quoted (with "" for a quote inside). */
function fields(text: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      out.push(field.trim());
      field = '';
    } else field += char;
  }
  out.push(field.trim());
  return out;
}

/**
 * The accounts of an uploaded CSV (`username,password,role,unit`; `unit` is the compound for a
 * `compound` account, the squad for a `squad` account, empty otherwise), every line checked
 * against the live catalogue before any is created. The first line at fault is named.
 */
export function parseAccounts(csv: string, state: State): NewAccount[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '').map((name) => name.toLowerCase());
  if (header.join(',') !== HEADER.join(','))
    throw fail(1, `the header must be ${HEADER.join(',')}, not ${lines[0] ?? '(empty)'}`);
  const accounts: NewAccount[] = [];
  const seen = new Map<string, number>();
  for (let index = 1; index < lines.length; index += 1) {
    const line = index + 1;
    const text = lines[index]!;
    if (text.trim() === '') continue;
    const values = fields(text);
    if (values.length !== HEADER.length)
      throw fail(line, `${values.length} fields, expected ${HEADER.length} (${HEADER.join(',')})`);
    const [username, password, role, unit] = values as [string, string, string, string];
    if (!USERNAME.test(username)) throw fail(line, `username "${username}" is not allowed`);
    const earlier = seen.get(username);
    if (earlier !== undefined)
      throw fail(line, `username ${username} is already on line ${earlier}`);
    seen.set(username, line);
    if (password.length < 10) throw fail(line, 'the password needs at least 10 characters');
    if (!(ROLES as readonly string[]).includes(role))
      throw fail(line, `role "${role}" is not one of ${ROLES.join(', ')}`);
    const bound = unit === '' ? {} : role === 'squad' ? { squadId: unit } : { compoundId: unit };
    let unitId: string | undefined;
    try {
      unitId = checkBinding(state, { role: role as Role, ...bound });
    } catch (error) {
      throw fail(line, error instanceof Error ? error.message : String(error));
    }
    accounts.push({ username, password, role: role as Role, ...(unitId ? { unitId } : {}) });
    if (accounts.length > MAX_ACCOUNTS) throw fail(line, `more than ${MAX_ACCOUNTS} accounts`);
  }
  if (accounts.length === 0) throw fail(2, 'no accounts after the header');
  return accounts;
}
