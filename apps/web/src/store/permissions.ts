import { commandRoles, type CommandType, type Role } from '@floodnet/domain';
import type { Store } from './slices';
import { useStore } from './store';

/**
 * Whether a role may issue a command, from the same table the server enforces. Controls a role
 * may not use are not drawn at all (a viewer never sees an Assign button).
 */
export function can(role: Role | null | undefined, command: CommandType): boolean {
  return !!role && (commandRoles[command] ?? []).includes(role);
}

/**
 * Whether the stream on screen takes commands: live does, and so does a trainees' fork; a drill
 * replaying its recording does not (the server refuses with DRILL_IS_RECORDING), so it shows no
 * command controls — nor while it is not yet known which kind of drill is on screen.
 */
export function streamTakesCommands(store: Store): boolean {
  return !store.ui.drill || store.drills.current?.kind === 'fork';
}

/** Whether the signed-in user may issue the command on the stream on screen. */
export function mayCommand(store: Store, command: CommandType): boolean {
  return can(store.session?.role, command) && streamTakesCommands(store);
}

export function useCan(command: CommandType): boolean {
  return useStore((store) => mayCommand(store, command));
}

/** Trainers run drills: import, drive the clock, fork, delete (commanders and admins). */
export function isTrainer(role: Role | null | undefined): boolean {
  return role === 'commander' || role === 'admin';
}
