// The domain is pure and uses no platform API but this standard deep copy (browsers and Node).
declare function structuredClone<T>(value: T): T;
// …and the WHATWG URL parser (browsers and Node alike), to check webhook addresses.
declare class URL {
  constructor(url: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
}
