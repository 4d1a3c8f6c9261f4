import { Type, type Static } from '@sinclair/typebox';
import { IsoTimeSchema } from '../../model/primitives.js';

/**
 * A CAP 1.2 message (OASIS Common Alerting Protocol) as JSON, with CAP's own element names: the
 * XML form posted as `application/cap+xml` is read into exactly this shape, so both are checked
 * by one schema. Only the elements floodnet uses are named; CAP's others are refused as unknown
 * in JSON and ignored in XML.
 */
const CapText = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const CapInfoSchema = Type.Object(
  {
    language: Type.Optional(CapText(20)),
    category: Type.Optional(CapText(20)),
    event: CapText(200),
    urgency: Type.Optional(CapText(20)),
    severity: Type.Union([
      Type.Literal('Extreme'),
      Type.Literal('Severe'),
      Type.Literal('Moderate'),
      Type.Literal('Minor'),
      Type.Literal('Unknown'),
    ]),
    certainty: Type.Optional(CapText(20)),
    senderName: Type.Optional(CapText(200)),
    onset: IsoTimeSchema,
    expires: IsoTimeSchema,
    headline: CapText(300),
    description: CapText(4000),
    instruction: Type.Optional(CapText(4000)),
    area: Type.Object({ areaDesc: CapText(300) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const CapAlertSchema = Type.Object(
  {
    identifier: CapText(200),
    sender: CapText(200),
    sent: IsoTimeSchema,
    status: Type.Union([
      Type.Literal('Actual'),
      Type.Literal('Exercise'),
      Type.Literal('System'),
      Type.Literal('Test'),
      Type.Literal('Draft'),
    ]),
    msgType: Type.Union([Type.Literal('Alert'), Type.Literal('Update'), Type.Literal('Cancel')]),
    scope: Type.Optional(
      Type.Union([Type.Literal('Public'), Type.Literal('Restricted'), Type.Literal('Private')]),
    ),
    /** CAP's `sender,identifier,sent` triples, space-separated: what an Update or Cancel replaces. */
    references: Type.Optional(CapText(2000)),
    note: Type.Optional(CapText(1000)),
    info: Type.Optional(CapInfoSchema),
  },
  { additionalProperties: false },
);
export type CapAlert = Static<typeof CapAlertSchema>;
export type CapInfo = Static<typeof CapInfoSchema>;

/** The body of `POST /api/v1/warnings` as JSON: `{alert: …}`, like CAP's root element. */
export const WarningBodySchema = Type.Object(
  { alert: CapAlertSchema },
  { additionalProperties: false },
);

export const warningCommands = [
  Type.Object({ type: Type.Literal('receiveWarning'), alert: CapAlertSchema }),
  Type.Object({ type: Type.Literal('checkWarnings') }),
] as const;
