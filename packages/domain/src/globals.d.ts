// The domain is pure and uses no platform API but this standard deep copy (browsers and Node).
declare function structuredClone<T>(value: T): T;
