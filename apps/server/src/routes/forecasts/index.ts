import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ForecastBodySchema, MAX_FORECAST_POINTS } from '@floodnet/domain';
import { bearer, commandErrors, errors, StreamQuerySchema, withExample } from '../schemas.js';
import { executeAsCaller } from '../commands.js';

const ForecastAckSchema = Type.Object(
  {
    id: Type.String(),
    seq: Type.Integer(),
    duplicate: Type.Boolean(),
    crossing: Type.Union(
      [
        Type.Object({
          at: Type.String({ description: 'when the forecast crosses the lowest alarm line' }),
          threshold: Type.Number(),
          peak: Type.Number(),
          peakAt: Type.String(),
          severity: Type.String(),
        }),
        Type.Null(),
      ],
      { description: 'what the forecast alarms on, or null' },
    ),
  },
  { description: 'Stored' },
);

const example = {
  id: 'tide-huangpu-park@2021-07-23T10:00',
  sensorId: 'tide-huangpu-park',
  issuedAt: '2021-07-23T10:00:00+08:00',
  series: [
    { at: '2021-07-24T00:00:00+08:00', value: 4.4 },
    { at: '2021-07-24T01:00:00+08:00', value: 4.65 },
    { at: '2021-07-24T02:00:00+08:00', value: 4.5 },
  ],
};

/** Tide forecasts for the Huangpu stations and rain nowcasts for the 街镇's gauges. */
const forecasts: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/forecasts',
    {
      onRequest: app.auth.authenticateIngest,
      bodyLimit: 256 * 1024,
      schema: {
        operationId: 'issueForecast',
        tags: ['ingest'],
        summary: 'Push a forecast',
        description:
          `A forecast series for one sensor, up to ${MAX_FORECAST_POINTS} points, in the ` +
          "sensor's units (tide m, rain mm in the hour ending at `at`, depth cm). When the " +
          'series crosses the sensor’s lowest alarm line within its horizon, an alert of kind ' +
          '`forecast` is raised saying when and how high; when the gauge later crosses, the ' +
          'crossing is linked to the forecast (lead time and error in the after-action report). ' +
          'Refusals: 422 `UNKNOWN_SENSOR`, `FORECAST_OUT_OF_ORDER` (times must rise), ' +
          '`READING_IN_FUTURE` (`issuedAt`). A repeated `id` is not stored twice.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(ForecastBodySchema, example),
        response: {
          201: ForecastAckSchema,
          ...errors({ ...commandErrors, 422: ['UNKNOWN_SENSOR', 'FORECAST_OUT_OF_ORDER'] }),
        },
      },
    },
    async (request, reply) => {
      const { events, seq } = await executeAsCaller(app, request, {
        type: 'issueForecast',
        ...request.body,
      });
      const issued = events.find((event) => event.type === 'forecast.issued');
      const crossing = issued?.type === 'forecast.issued' ? issued.data.crossing : null;
      return reply
        .status(201)
        .send({ id: request.body.id, seq, duplicate: events.length === 0, crossing });
    },
  );
};

export default forecasts;
