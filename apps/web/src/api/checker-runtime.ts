import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * What TypeBox's generated checkers call back into (the three parameters `TypeCompiler.Compile`
 * would pass): string formats (the domain registers `floodnet-time`), custom kinds and hashing.
 */
export function format(name: string, value: unknown): boolean {
  const check = FormatRegistry.Get(name);
  return check !== undefined && typeof value === 'string' && check(value);
}

/** No schema of the contract uses a custom kind; an unknown one never passes. */
export function kind(_name: string, _instance: number, _value: unknown): boolean {
  return false;
}

export function hash(value: unknown): bigint {
  return Value.Hash(value);
}
