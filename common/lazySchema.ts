/**
 * A stand-in for the object `build` returns, built the first time anything reads, writes or inspects
 * it. Main's build wraps each zod schema of common/contract in one (scripts/contractLazy.mjs), so the
 * schemas of a channel are built when that channel is first used rather than all of them while main's
 * bundle loads; validation is the same, since every use reaches the real schema.
 *
 * Only for objects whose identity nobody compares (a schema registered by identity, e.g. with `.meta`,
 * is left eager by the transform). `typeof` is 'object' and `Array.isArray` false, so never for arrays.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  // The target stays an empty extensible object, so the proxy's invariants never depend on what is built.
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // Reported configurable: a proxy may not report a non-configurable property its target lacks.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
