import { describe, expect, it } from 'vitest';
import { given, system } from '../../testing/given.js';
import { refusalOf } from '../../testing/refusals.js';
import { testCatalogue } from '../../testing/catalogue.js';

describe('registerAssets', () => {
  it('registers the catalogue once, with every unit on standby', () => {
    const state = given();
    expect(Object.keys(state.assets)).toHaveLength(testCatalogue.length);
    expect(state.units['squad-pump-truck']?.status).toBe('standby');
  });
  it('refuses a second registration', () => {
    expect(refusalOf({ type: 'registerAssets', assets: testCatalogue }, given(), system).code).toBe(
      'ASSETS_ALREADY_REGISTERED',
    );
  });
});
