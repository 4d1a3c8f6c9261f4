import { toShanghaiIso, type CapAlert, type Command } from '@floodnet/domain';
import type { TimedCommand } from './policy';
import type { HuangpuTide } from './tide';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const at = (local: string) => Date.parse(`${local}+08:00`);

/** Who publishes in the scenario: the issuers' CAP feed and the hydrological forecasts. */
export const OFFICIAL_ACTOR = { name: 'simulation', role: 'source' } as const;

/** CAP senders (plausible addresses: the real ones are not public in DOMAIN.md). */
const SENDERS = {
  floodInfo: 'fxxxzx@swj.sh.gov.cn', // 上海市防汛信息中心 (high tide)
  weather: 'sh-cmc@sh.cma.gov.cn', // 上海中心气象台 (typhoon, rainstorm)
} as const;

interface Issue {
  at: number;
  /** `sourced` where DOMAIN.md gives the time and colour; `plausible` otherwise. */
  provenance: 'sourced' | 'plausible';
  identifier: string;
  sender: string;
  msgType: CapAlert['msgType'];
  /** The message this one updates or cancels (its identifier). */
  references?: string;
  event?: string;
  severity?: NonNullable<CapAlert['info']>['severity'];
  headline?: string;
  description?: string;
  onset?: number;
  expires?: number;
}

/**
 * The official warnings of the In-Fa storyline. Only the first is sourced: the blue high-tide
 * warning of 23 Jul 10:00, from the forecast, naming the early-morning tides of 24–26 Jul at
 * 4.65 / 4.90 / 5.00 m (The Paper, 2021-07-23 16:53; DOMAIN.md). Every later upgrade, the
 * typhoon and rainstorm warnings and the cancellations are plausible: their times and colours
 * are not confirmed from a source, and they follow the scenario's own storm and tides.
 */
export const IN_FA_WARNINGS: readonly Issue[] = [
  {
    at: at('2021-07-23T10:00:00'),
    provenance: 'sourced',
    identifier: 'sh-fxxx-20210723-hightide',
    sender: SENDERS.floodInfo,
    msgType: 'Alert',
    event: '高潮位蓝色预警',
    severity: 'Minor',
    headline: '上海市防汛信息中心发布高潮位蓝色预警',
    description:
      '受台风“烟花”和天文大潮共同影响，预计24—26日子潮黄浦公园站潮位将超过警戒水位，' +
      '分别约为4.65米、4.90米和5.00米；风暴增水0.7—1.2米。',
    onset: at('2021-07-24T00:00:00'),
    expires: at('2021-07-26T12:00:00'),
  },
  {
    at: at('2021-07-23T14:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210723-typhoon',
    sender: SENDERS.weather,
    msgType: 'Alert',
    event: '台风蓝色预警',
    severity: 'Minor',
    headline: '上海中心气象台发布台风蓝色预警信号',
    description: '受今年第6号台风“烟花”影响，未来24小时本市平均风力可达6级以上。',
    onset: at('2021-07-23T14:00:00'),
    expires: at('2021-07-27T08:00:00'),
  },
  {
    at: at('2021-07-24T10:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210724-typhoon',
    sender: SENDERS.weather,
    msgType: 'Update',
    references: 'sh-cmc-20210723-typhoon',
    event: '台风黄色预警',
    severity: 'Moderate',
    headline: '上海中心气象台台风蓝色预警信号升级为黄色',
    description: '台风“烟花”逐渐靠近，未来24小时本市平均风力可达8级以上。',
    onset: at('2021-07-24T10:00:00'),
    expires: at('2021-07-27T08:00:00'),
  },
  {
    at: at('2021-07-24T12:00:00'),
    provenance: 'plausible',
    identifier: 'sh-fxxx-20210724-hightide',
    sender: SENDERS.floodInfo,
    msgType: 'Update',
    references: 'sh-fxxx-20210723-hightide',
    event: '高潮位黄色预警',
    severity: 'Moderate',
    headline: '上海市防汛信息中心高潮位蓝色预警升级为黄色',
    description: '预计25日子潮黄浦公园站潮位约4.90米。',
    onset: at('2021-07-25T00:00:00'),
    expires: at('2021-07-26T12:00:00'),
  },
  {
    at: at('2021-07-24T18:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210724-rainstorm',
    sender: SENDERS.weather,
    msgType: 'Alert',
    event: '暴雨蓝色预警',
    severity: 'Minor',
    headline: '上海中心气象台发布暴雨蓝色预警信号',
    description: '受台风“烟花”外围影响，本市将出现强降水，1小时雨量可达35毫米以上。',
    onset: at('2021-07-24T18:00:00'),
    expires: at('2021-07-27T08:00:00'),
  },
  {
    at: at('2021-07-25T08:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210725-typhoon',
    sender: SENDERS.weather,
    msgType: 'Update',
    references: 'sh-cmc-20210724-typhoon',
    event: '台风橙色预警',
    severity: 'Severe',
    headline: '上海中心气象台台风黄色预警信号升级为橙色',
    description: '台风“烟花”将于今天中午前后在浙江舟山一带沿海登陆，未来12小时本市风力10级以上。',
    onset: at('2021-07-25T08:00:00'),
    expires: at('2021-07-27T08:00:00'),
  },
  {
    at: at('2021-07-25T12:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210725-rainstorm',
    sender: SENDERS.weather,
    msgType: 'Update',
    references: 'sh-cmc-20210724-rainstorm',
    event: '暴雨黄色预警',
    severity: 'Moderate',
    headline: '上海中心气象台暴雨蓝色预警信号升级为黄色',
    description: '未来6小时本市雨量可达80毫米以上，局部1小时雨量超过50毫米。',
    onset: at('2021-07-25T12:00:00'),
    expires: at('2021-07-27T08:00:00'),
  },
  {
    at: at('2021-07-26T00:00:00'),
    provenance: 'plausible',
    identifier: 'sh-fxxx-20210726-hightide',
    sender: SENDERS.floodInfo,
    msgType: 'Update',
    references: 'sh-fxxx-20210724-hightide',
    event: '高潮位红色预警',
    severity: 'Extreme',
    headline: '上海市防汛信息中心高潮位黄色预警升级为红色',
    description: '预计26日子潮黄浦公园站潮位约5.00米，接近历史最高。',
    onset: at('2021-07-26T00:00:00'),
    expires: at('2021-07-26T12:00:00'),
  },
  {
    at: at('2021-07-26T18:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210726-typhoon-cancel',
    sender: SENDERS.weather,
    msgType: 'Cancel',
    references: 'sh-cmc-20210725-typhoon',
  },
  {
    at: at('2021-07-26T20:00:00'),
    provenance: 'plausible',
    identifier: 'sh-cmc-20210726-rainstorm-cancel',
    sender: SENDERS.weather,
    msgType: 'Cancel',
    references: 'sh-cmc-20210725-rainstorm',
  },
];

function capOf(issue: Issue): CapAlert {
  const reference = issue.references
    ? IN_FA_WARNINGS.find((earlier) => earlier.identifier === issue.references)
    : undefined;
  return {
    identifier: issue.identifier,
    sender: issue.sender,
    sent: toShanghaiIso(issue.at),
    status: 'Actual',
    msgType: issue.msgType,
    scope: 'Public',
    ...(reference
      ? { references: `${reference.sender},${reference.identifier},${toShanghaiIso(reference.at)}` }
      : {}),
    ...(issue.provenance === 'plausible'
      ? { note: 'floodnet simulation: plausible, not sourced' }
      : {}),
    ...(issue.event
      ? {
          info: {
            language: 'zh-CN',
            category: 'Met',
            event: issue.event,
            urgency: 'Expected',
            severity: issue.severity ?? 'Unknown',
            certainty: 'Likely',
            onset: toShanghaiIso(issue.onset ?? issue.at),
            expires: toShanghaiIso(issue.expires ?? issue.at + 24 * HOUR_MS),
            headline: issue.headline ?? issue.event,
            description: issue.description ?? issue.event,
            area: { areaDesc: '上海市' },
          },
        }
      : {}),
  };
}

/**
 * Tide forecasts for 黄浦公园 from the hydrological service, issued daily at 10:00 (the blue
 * warning's hour) for the next 40 hours in half-hour steps. The scenario's own tide stands in for
 * the forecast model, a few centimetres low (plausible: forecast error est. −0.03 m), so the
 * forecast alarm precedes every observed crossing by about 15 hours.
 */
export const TIDE_FORECASTS = {
  sensorId: 'tide-huangpu-park',
  issueHours: [10],
  horizonH: 40,
  stepMin: 30,
  biasM: -0.03,
} as const;

/** The official feeds' commands due at minute `now`. */
export function officialCommands(now: number, tide: HuangpuTide): TimedCommand[] {
  const out: TimedCommand[] = [];
  for (const issue of IN_FA_WARNINGS) {
    if (issue.at !== now) continue;
    out.push({
      at: now,
      actor: OFFICIAL_ACTOR,
      command: { type: 'receiveWarning', alert: capOf(issue) },
    });
  }
  const localHour = new Date(now + 8 * HOUR_MS).getUTCHours();
  if (now % HOUR_MS === 0 && (TIDE_FORECASTS.issueHours as readonly number[]).includes(localHour)) {
    out.push({ at: now, actor: OFFICIAL_ACTOR, command: tideForecast(now, tide) });
  }
  return out;
}

function tideForecast(now: number, tide: HuangpuTide): Command {
  const { sensorId, horizonH, stepMin, biasM } = TIDE_FORECASTS;
  const series = [];
  for (let t = now + stepMin * MINUTE_MS; t <= now + horizonH * HOUR_MS; t += stepMin * MINUTE_MS) {
    series.push({ at: toShanghaiIso(t), value: Math.round((tide.level(t) + biasM) * 100) / 100 });
  }
  return {
    type: 'issueForecast',
    id: `${sensorId}@${toShanghaiIso(now)}`,
    sensorId,
    issuedAt: toShanghaiIso(now),
    series,
  };
}
