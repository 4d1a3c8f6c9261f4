import { Type, type Static } from '@sinclair/typebox';
import { EntityIdSchema, IsoTimeSchema } from '../../model/primitives.js';

export const MAX_FORECAST_POINTS = 1000;

/**
 * A forecast for one sensor: a tide forecast for a Huangpu station (m, 吴淞 datum), a rain
 * nowcast for a 街镇's gauge (mm in the hour ending at `at`), or a depth forecast (cm).
 */
export const ForecastBodySchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120, description: 'idempotency key' }),
    sensorId: EntityIdSchema,
    issuedAt: IsoTimeSchema,
    series: Type.Array(
      Type.Object({ at: IsoTimeSchema, value: Type.Number() }, { additionalProperties: false }),
      { minItems: 1, maxItems: MAX_FORECAST_POINTS },
    ),
  },
  { additionalProperties: false },
);
export type ForecastBody = Static<typeof ForecastBodySchema>;

export const forecastCommands = [
  Type.Composite([Type.Object({ type: Type.Literal('issueForecast') }), ForecastBodySchema]),
] as const;
