import type { CapAlert } from './commands.js';

/** CAP 1.2's XML namespace (OASIS, CAP-v1.2-os). */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** Text made safe for an XML element. */
export function xmlText(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<name>text</name>` lines for the fields that are present, in the order given. */
export function xmlElements(
  fields: [string, string | number | undefined][],
  indent: string,
): string {
  return fields
    .filter((field): field is [string, string | number] => field[1] !== undefined)
    .map(([name, value]) => `${indent}<${name}>${xmlText(value)}</${name}>`)
    .join('\n');
}

/**
 * A CAP message as CAP 1.2 XML, in the element order the schema requires (the issuers' feeds
 * and the simulation send this). Elements CAP requires that the JSON form leaves out get CAP's
 * usual values: `scope` Public, `category` Met, `urgency` Expected, `certainty` Likely.
 */
export function capAlertToXml(alert: CapAlert): string {
  const head = xmlElements(
    [
      ['identifier', alert.identifier],
      ['sender', alert.sender],
      ['sent', alert.sent],
      ['status', alert.status],
      ['msgType', alert.msgType],
      ['scope', alert.scope ?? 'Public'],
      ['note', alert.note],
      ['references', alert.references],
    ],
    '  ',
  );
  const info = alert.info;
  const body = info
    ? [
        '  <info>',
        xmlElements(
          [
            ['language', info.language ?? 'zh-CN'],
            ['category', info.category ?? 'Met'],
            ['event', info.event],
            ['urgency', info.urgency ?? 'Expected'],
            ['severity', info.severity],
            ['certainty', info.certainty ?? 'Likely'],
            ['onset', info.onset],
            ['expires', info.expires],
            ['senderName', info.senderName],
            ['headline', info.headline],
            ['description', info.description],
            ['instruction', info.instruction],
          ],
          '    ',
        ),
        '    <area>',
        `      <areaDesc>${xmlText(info.area.areaDesc)}</areaDesc>`,
        '    </area>',
        '  </info>',
      ].join('\n')
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    head,
    ...(body ? [body] : []),
    '</alert>',
    '',
  ].join('\n');
}
