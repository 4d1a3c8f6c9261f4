import { MATERIAL_TYPES, type AlertState, type MaterialType, type State } from '@floodnet/domain';

/**
 * The names of a low-stock alarm's subject, `<storeId>/<type>`: the store and the material
 * ("徐家汇体育公园停车场 · 沙袋"); null for any other alarm, whose subject is an asset.
 */
export function lowStockNames(
  state: State,
  alert: AlertState,
): { name: string; nameEn: string } | null {
  if (alert.kind !== 'low-stock') return null;
  const cut = alert.subjectId.lastIndexOf('/');
  const store = state.assets[alert.subjectId.slice(0, cut)];
  const type = alert.subjectId.slice(cut + 1) as MaterialType;
  const material = Object.hasOwn(MATERIAL_TYPES, type) ? MATERIAL_TYPES[type] : null;
  if (!store || !material) return null;
  return {
    name: `${store.name} · ${material.name}`,
    nameEn: `${store.nameEn} · ${material.nameEn}`,
  };
}
