import { Value } from '@sinclair/typebox/value';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CAP_NAMESPACE, CapAlertSchema, type CapAlert } from '@floodnet/domain';

/** Why a CAP XML body was refused: a code, words, and the element at fault as a pointer. */
export interface CapRefusal {
  code: 'XML_DOCTYPE_REFUSED' | 'MALFORMED_XML' | 'CAP_INVALID';
  message: string;
  path: string;
}

export type CapParse = { ok: true; alert: CapAlert } | { ok: false; refusal: CapRefusal };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  // Only XML's five predefined entities can occur: a document declaring its own is refused
  // before it reaches the parser, so nothing can expand (no "billion laughs").
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
  maxNestedTags: 32,
  isArray: (name) => name === 'info' || name === 'area' || name === 'category',
});

/**
 * Reads a CAP 1.2 message (`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">`) into the
 * JSON form and checks it with the same schema as the JSON body. DOCTYPE and entity
 * declarations are refused outright: CAP needs neither, and they are how XML bombs and external
 * entity reads are made.
 */
export function parseCapXml(text: string): CapParse {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return refused('XML_DOCTYPE_REFUSED', 'DOCTYPE and ENTITY declarations are not accepted', '/');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return refused('MALFORMED_XML', `Malformed XML at line ${line}, column ${col}: ${msg}`, '/');
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const root = document.alert;
  if (!isRecord(root)) return refused('CAP_INVALID', 'The root element must be <alert>', '/alert');
  if (!new RegExp(`<(\\w+:)?alert[^>]*xmlns(:\\w+)?="${CAP_NAMESPACE}"`).test(text)) {
    return refused('CAP_INVALID', `<alert> must be in the namespace ${CAP_NAMESPACE}`, '/alert');
  }
  const alert = capFromXml(root);
  const error = Value.Errors(CapAlertSchema, alert).First();
  if (error) {
    const path = `/alert${error.path}`;
    const element = error.path.split('/').filter(Boolean).join('/');
    const missing = error.value === undefined;
    const message = missing
      ? `Missing element <${element.split('/').pop()}> in <alert>${parentOf(element)}`
      : `<${element || 'alert'}>: ${error.message}`;
    return refused('CAP_INVALID', message, path);
  }
  return { ok: true, alert: alert as CapAlert };
}

function parentOf(element: string): string {
  const parts = element.split('/').slice(0, -1);
  return parts.map((part) => `/<${part}>`).join('');
}

function refused(code: CapRefusal['code'], message: string, path: string): CapParse {
  return { ok: false, refusal: { code, message, path } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Picks CAP's elements by name; absent ones stay absent so the schema names them. */
function pick(source: Record<string, unknown>, names: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const name of names) if (source[name] !== undefined) out[name] = source[name];
  return out;
}

const ALERT_FIELDS = [
  'identifier',
  'sender',
  'sent',
  'status',
  'msgType',
  'scope',
  'references',
  'note',
] as const;
const INFO_FIELDS = [
  'language',
  'event',
  'urgency',
  'severity',
  'certainty',
  'senderName',
  'onset',
  'expires',
  'headline',
  'description',
  'instruction',
] as const;

function capFromXml(root: Record<string, unknown>): Record<string, unknown> {
  const alert = pick(root, ALERT_FIELDS);
  const infos = Array.isArray(root.info) ? root.info.filter(isRecord) : [];
  // One language is kept: Chinese when the message carries several.
  const info =
    infos.find((candidate) => String(candidate.language ?? '').startsWith('zh')) ?? infos[0];
  if (info) {
    const picked = pick(info, INFO_FIELDS);
    const categories = Array.isArray(info.category) ? info.category : [];
    if (categories.length > 0) picked.category = categories[0];
    const areas = Array.isArray(info.area) ? info.area.filter(isRecord) : [];
    if (areas[0]) picked.area = pick(areas[0], ['areaDesc']);
    alert.info = picked;
  }
  return alert;
}
