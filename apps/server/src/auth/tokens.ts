import { createHmac, timingSafeEqual } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { Type, type Static } from '@sinclair/typebox';
import { RoleSchema } from '@floodnet/domain';

const TokenPayloadSchema = Type.Object({
  sub: Type.String({ minLength: 1 }),
  role: RoleSchema,
  /** The compound or squad a `compound` / `squad` account acts for. */
  compoundId: Type.Optional(Type.String()),
  squadId: Type.Optional(Type.String()),
  /** Expiry, epoch seconds. */
  exp: Type.Integer(),
});
export type TokenPayload = Static<typeof TokenPayloadSchema>;

/**
 * Compact signed tokens, `base64url(payload).base64url(HMAC-SHA256)`: the server alone issues
 * and checks them, so a shared secret is enough and no JWT library is needed.
 */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  sign(payload: TokenPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The payload of a well-signed, unexpired token, else null. */
  verify(token: string, nowMs: number): TokenPayload | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
    const body = token.slice(0, dot);
    const signature = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(body);
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Value.Check(TokenPayloadSchema, payload)) return null;
    return payload.exp * 1000 > nowMs ? payload : null;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body).digest();
  }
}
