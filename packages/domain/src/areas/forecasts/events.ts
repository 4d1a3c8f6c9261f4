import { Type } from '@sinclair/typebox';
import { EntityIdSchema, IsoTimeSchema } from '../../model/primitives.js';
import { SeveritySchema } from '../../model/vocabulary.js';

/** Forecasts, the crossings they foresee and meet, and time-to-threshold from recent trends. */
export const forecastEvents = {
  'forecast.issued': Type.Object({
    forecastId: EntityIdSchema,
    sensorId: EntityIdSchema,
    issuedAt: IsoTimeSchema,
    series: Type.Array(Type.Object({ at: IsoTimeSchema, value: Type.Number() })),
    /** The first rise over the sensor's lowest threshold within the horizon, if any. */
    crossing: Type.Union([
      Type.Object({
        at: IsoTimeSchema,
        threshold: Type.Number(),
        peak: Type.Number(),
        peakAt: IsoTimeSchema,
        severity: SeveritySchema,
      }),
      Type.Null(),
    ]),
  }),
  /** The observed crossing a forecast foresaw: lead time and timing error, in minutes. */
  'forecast.crossingObserved': Type.Object({
    forecastId: EntityIdSchema,
    sensorId: EntityIdSchema,
    value: Type.Number(),
    expectedAt: IsoTimeSchema,
    leadMin: Type.Number(),
    timingErrorMin: Type.Number(),
  }),
  'trend.projected': Type.Object({
    sensorId: EntityIdSchema,
    value: Type.Number(),
    threshold: Type.Number(),
    etaAt: IsoTimeSchema,
    ratePerHour: Type.Number(),
    /** R² of the straight-line fit, 0–1. */
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
  }),
  'trend.ended': Type.Object({
    sensorId: EntityIdSchema,
    reason: Type.Union([Type.Literal('reached'), Type.Literal('eased')]),
  }),
} as const;
