import createError from '@fastify/error';
import { isCompound, isDispatchUnit, own, type Role, type State } from '@floodnet/domain';

export const BindingInvalid = createError('BINDING_INVALID', '%s', 422);

/**
 * The unit a new account is bound to, checked against the live catalogue: a `compound` account
 * needs an existing compound, a `squad` account an existing team or squad, and no other role may
 * carry either (a duty officer bound to one compound would be a contradiction). Throws
 * `BINDING_INVALID` with the field at fault.
 */
export function checkBinding(
  state: State,
  account: { role: Role; compoundId?: string; squadId?: string },
): string | undefined {
  const { role, compoundId, squadId } = account;
  const fail = (message: string, path: string) =>
    Object.assign(new BindingInvalid(message), { path });
  if (role === 'compound') {
    if (squadId !== undefined) throw fail('a compound account takes no squadId', '/squadId');
    if (compoundId === undefined) throw fail('role compound needs a compoundId', '/compoundId');
    const asset = own(state.assets, compoundId);
    if (!asset || !isCompound(asset)) throw fail(`no such compound: ${compoundId}`, '/compoundId');
    return compoundId;
  }
  if (role === 'squad') {
    if (compoundId !== undefined) throw fail('a squad account takes no compoundId', '/compoundId');
    if (squadId === undefined) throw fail('role squad needs a squadId', '/squadId');
    const asset = own(state.assets, squadId);
    if (!asset || !isDispatchUnit(asset)) throw fail(`no such squad: ${squadId}`, '/squadId');
    return squadId;
  }
  if (compoundId !== undefined || squadId !== undefined)
    throw fail(
      `role ${role} is not bound to a compound or squad`,
      compoundId ? '/compoundId' : '/squadId',
    );
  return undefined;
}
