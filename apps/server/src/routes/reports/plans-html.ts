import type { PlanSection } from '@floodnet/domain';

type Table = (head: string[], rows: string[][], empty: string) => string;

/**
 * The after-action page's part on plans: each unit's tasks on time, late and never done, what the
 * inspections found, and the people moved. Cells are escaped by the caller's `escape`.
 */
export function planSectionHtml(
  plans: PlanSection,
  helpers: { table: Table; escape: (text: string) => string; time: (ms: number | null) => string },
): string[] {
  const { table, escape, time } = helpers;
  return [
    `<h2>预案任务 <span>Plan tasks per unit (${plans.plansActivated} activations)</span></h2>`,
    table(
      ['单位 Unit', '下达 Issued', '按时 On time', '超时完成 Late', '未完成 Never done'],
      plans.units.map((unit) => [
        escape(unit.unitId),
        String(unit.issued),
        String(unit.onTime),
        String(unit.late),
        String(unit.neverDone),
      ]),
      '无预案任务 No plan tasks',
    ),
    `<h2>隐患排查 <span>Inspection findings: ${plans.hazardsFound} hazards found, ${plans.hazardsFixed} found fixed</span></h2>`,
    table(
      ['时间 Time', '任务 Task', '地点 Site', '结果 Result', '说明 Note'],
      plans.findings.map((finding) => [
        time(finding.at),
        escape(finding.taskId),
        escape(finding.siteId ?? '—'),
        finding.result === 'hazard' ? '隐患 Hazard' : '正常 Fine',
        escape(finding.note ?? ''),
      ]),
      '无巡查结果 No findings',
    ),
    `<h2>转移安置 <span>People moved: ${plans.people.moved}, returned: ${plans.people.returned}</span></h2>`,
    table(
      ['街镇 Subdistrict', '人数 People'],
      Object.entries(plans.people.byJiezhen).map(([code, n]) => [escape(code), String(n)]),
      '无转移 Nobody moved',
    ),
  ];
}
