import type { Deciders } from '../../model/area.js';
import { no, yes } from '../../model/area.js';
import { refuse } from '../../refusals.js';

export const catalogueRoles = { registerAssets: ['system', 'admin'] } as const;

export const catalogueDeciders: Deciders<'registerAssets'> = {
  registerAssets(command, state, { at }) {
    if (Object.keys(state.assets).length > 0) return no(refuse('ASSETS_ALREADY_REGISTERED'));
    return yes([{ type: 'assets.registered', at, data: { assets: command.assets } }]);
  },
};
