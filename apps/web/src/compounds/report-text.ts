import type { State } from '@floodnet/domain';
import type { Translate } from '../i18n/translate';

type CompoundReport = State['compoundReports'][string];

/**
 * One compound report as a line: what, how deep, where, how many people, the manager's words —
 * the same on the manager's history and on the duty officer's alarm.
 */
export function describeReport(
  report: Pick<CompoundReport, 'kind' | 'depthCm' | 'where' | 'people' | 'text'>,
  t: Translate,
): string {
  let line = t(`report.${report.kind}`);
  if (report.depthCm !== null) line += ` ${report.depthCm} cm`;
  if (report.where) line += ` · ${t(`report.${report.where}`)}`;
  if (report.people !== null) line += ` · ${t('compound.people')} ${report.people}`;
  if (report.text) line += ` · ${report.text}`;
  return line;
}
