import { commandRoles, type CommandType, type Role } from '@floodnet/domain';
import { useStore } from './store';

/**
 * Whether a role may issue a command, from the same table the server enforces. Controls a role
 * may not use are not drawn at all (a viewer never sees an Assign button).
 */
export function can(role: Role | null | undefined, command: CommandType): boolean {
  return !!role && (commandRoles[command] ?? []).includes(role);
}

export function useCan(command: CommandType): boolean {
  return useStore((store) => can(store.session?.role, command));
}
