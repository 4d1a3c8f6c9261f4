import { Type, type Static, type TInteger, type TOptional } from '@sinclair/typebox';
import { MATERIAL_TYPE_NAMES, type MaterialType } from '../../model/assets.js';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

/** Quantities by material type, each in its type's unit; at least one type. */
export const MaterialItemsSchema = Type.Object(
  Object.fromEntries(
    MATERIAL_TYPE_NAMES.map((type) => [type, Type.Optional(Type.Integer({ minimum: 1 }))]),
  ) as Record<MaterialType, TOptional<TInteger>>,
  { additionalProperties: false, minProperties: 1 },
);
export type MaterialItems = Static<typeof MaterialItemsSchema>;

/** Returned quantities may be zero (a type all used up). */
export const ReturnedItemsSchema = Type.Object(
  Object.fromEntries(
    MATERIAL_TYPE_NAMES.map((type) => [type, Type.Optional(Type.Integer({ minimum: 0 }))]),
  ) as Record<MaterialType, TOptional<TInteger>>,
  { additionalProperties: false },
);

export const RequestMaterialsBodySchema = Type.Object(
  {
    fromId: Type.String({
      minLength: 1,
      maxLength: 120,
      description: 'warehouse or staging point',
    }),
    items: MaterialItemsSchema,
    vehicleId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 120, description: 'the vehicle that carries them' }),
    ),
  },
  { additionalProperties: false },
);

export const ReturnMaterialsBodySchema = Type.Object(
  {
    items: Type.Optional(ReturnedItemsSchema),
  },
  {
    additionalProperties: false,
    description: 'What comes back to the store; without `items`, everything sent comes back',
  },
);

/** The steps after a request, each its own route: `POST /materials/:id/<step>`. */
export const MATERIAL_STEPS = ['dispatch', 'deliver', 'return', 'use-up'] as const;
export type MaterialStep = (typeof MATERIAL_STEPS)[number];

export const materialCommands = [
  Type.Object({
    type: Type.Literal('requestMaterials'),
    incidentId: EntityId,
    fromId: EntityId,
    items: MaterialItemsSchema,
    vehicleId: Type.Optional(EntityId),
  }),
  Type.Object({
    type: Type.Literal('advanceMaterials'),
    requestId: EntityId,
    step: Type.Union(MATERIAL_STEPS.map((step) => Type.Literal(step))),
    returned: Type.Optional(ReturnedItemsSchema),
  }),
] as const;
