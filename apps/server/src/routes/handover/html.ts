import type { HandoverReport } from '@floodnet/domain';

const escape = (text: string = '') => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `2021-07-25T20:00:00+08:00` → `07-25 20:00` (the page is read in Shanghai). */
const time = (iso: string | null) => (iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : '—');

const SIGNALS: Record<string, string> = { rainstorm: '暴雨', tide: '高潮位', typhoon: '台风' };
const COLOURS: Record<string, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};
const LEVELS: Record<string, string> = { IV: 'Ⅳ级', III: 'Ⅲ级', II: 'Ⅱ级', I: 'Ⅰ级' };

function table(head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="none">${escape(empty)}</p>`;
  const cells = (row: string[], tag: string) =>
    `<tr>${row.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(head, 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`;
}

/**
 * The handover as one printable page: what is in force, what is open or late, who was moved, and
 * what changed since the last handover, with room for both commanders to sign.
 */
export function handoverHtml(report: HandoverReport, names: (id: string) => string): string {
  const c = report.changes;
  const level = report.level ? LEVELS[report.level] : '未启动';
  const signals = report.signals.map(
    (s) =>
      `${SIGNALS[s.kind] ?? s.kind}${COLOURS[s.level] ?? s.level}预警（${s.source === 'local' ? '本地估计' : '官方发布'}）`,
  );
  const sections = [
    `<h2>响应与预警 <small>Response and warnings</small></h2>
     <p><b>应急响应：</b>${escape(level)}${report.levelBy ? `（${escape(report.levelBy)}）` : ''}
     ${report.suggestedLevel ? `&emsp;<b>建议：</b>${escape(LEVELS[report.suggestedLevel] ?? '')}` : ''}</p>
     <p><b>预警信号：</b>${signals.length ? escape(signals.join('；')) : '无'}</p>
     <p><b>启动的预案：</b>${report.activePlans.length ? escape(report.activePlans.map((p) => `${p.name}（${time(p.since)}）`).join('；')) : '无'}</p>`,
    `<h2>未结案事件 <small>Open incidents</small> (${report.openIncidents.length})</h2>` +
      table(
        ['编号', '类型', '情况', '上报', '处置队伍'],
        report.openIncidents.map((i) => [
          i.id,
          i.kind,
          i.description,
          time(i.reportedAt),
          i.squadIds.map(names).join('、') || '未派',
        ]),
        '无',
      ),
    `<h2>超时任务 <small>Overdue tasks</small> (${report.overdueTasks.length} / 未完成 ${report.openTasks})</h2>` +
      table(
        ['任务', '单位', '时限'],
        report.overdueTasks.map((t) => [t.title, t.assignee, time(t.dueAt)]),
        '无超时任务',
      ),
    `<h2>隐患 <small>Hazards found, not yet fixed</small> (${report.hazards.length})</h2>` +
      table(
        ['地点', '情况', '发现'],
        report.hazards.map((h) => [h.name, h.note, time(h.foundAt)]),
        '无',
      ),
    `<h2>转移安置 <small>People moved</small></h2>
     <p>累计转移 <b>${report.people.moved}</b> 人，现在安置点 <b>${report.people.atSites}</b> 人，已返回 ${report.people.returned} 人。</p>` +
      table(
        ['街镇', '人数'],
        Object.entries(report.people.byJiezhen).map(([code, n]) => [names(code), String(n)]),
        '无',
      ),
    `<h2>未确认通知 <small>Notices unacknowledged</small></h2><p>${report.noticesUnacknowledged} 份</p>`,
    `<h2>上次交班以来 <small>Since the last handover</small>${c.since ? `（${time(c.since)}）` : ''}</h2>
     <p>新事件 ${c.incidentsReported}，结案 ${c.incidentsResolved}；下达任务 ${c.tasksIssued}，完成 ${c.tasksCompleted}，超时 ${c.tasksOverdue}；
     新告警 ${c.alertsRaised}；发现隐患 ${c.hazardsFound}；转移 ${c.peopleMoved} 人，返回 ${c.peopleReturned} 人。</p>
     ${c.levelChanges.length ? `<p>响应调整：${escape(c.levelChanges.map((l) => `${time(l.at)} ${l.level ? LEVELS[l.level] : '解除'}`).join('；'))}</p>` : ''}`,
    report.previous
      ? `<h2>上一班留言 <small>From the previous shift</small></h2><blockquote>${escape(report.previous.note)}<br><small>${escape(report.previous.by)} · ${time(report.previous.at)}</small></blockquote>`
      : '',
  ];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>交接班报告 ${escape(time(report.at))}</title>
<style>
body{font:13px/1.45 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#111;margin:16px auto;max-width:800px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:14px 0 4px;border-bottom:1px solid #999}
small{color:#555;font-weight:normal}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}
.none{color:#555}blockquote{margin:4px 0;padding:4px 8px;border-left:3px solid #888;background:#f6f6f6}
.sign{display:flex;gap:40px;margin-top:24px}.sign div{flex:1;border-top:1px solid #111;padding-top:2px}
@media print{body{margin:0;max-width:none}button{display:none}@page{size:A4;margin:12mm}}
</style></head><body>
<h1>徐汇区防汛防台交接班报告 <small>Shift handover</small></h1>
<p>${escape(report.at.slice(0, 10))} ${escape(report.at.slice(11, 16))}（北京时间）<button onclick="print()">打印 Print</button></p>
${sections.join('\n')}
<div class="sign"><div>交班指挥员 Outgoing</div><div>接班指挥员 Incoming</div></div>
</body></html>`;
}
