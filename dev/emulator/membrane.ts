/**
 * The boundary between the emulator (node's realm) and a script's vm context.
 *
 * A script sees emulated services as objects of its own world: an error a
 * service throws is an `Error` of the script's realm named 'Exception' (so
 * `e instanceof Error` and `e.message` behave as on the platform, where
 * String(e) reads "Exception: Invalid email: x"), and objects handed back into
 * services are unwrapped to the emulator's own instances.
 */

type AnyFn = (...args: unknown[]) => unknown;

export class Membrane {
  private proxies = new WeakMap<object, object>();
  private targets = new WeakMap<object, object>();
  private methods = new WeakMap<object, Map<PropertyKey, AnyFn>>();

  constructor(private readonly SandboxError: ErrorConstructor) {}

  /** A service value as the script should see it. */
  wrap<T>(value: T): T {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const obj = value as unknown as object;
    if (this.targets.has(obj)) return value;
    if (Array.isArray(obj)) return (obj.some((v) => needsWrap(v)) ? obj.map((v) => this.wrap(v)) : obj) as T;
    if (!needsWrap(obj)) return value;
    let proxy = this.proxies.get(obj);
    if (!proxy) {
      proxy = new Proxy(obj, this.handler(obj));
      this.proxies.set(obj, proxy);
      this.targets.set(proxy, obj);
    }
    return proxy as T;
  }

  /** A script value as a service should see it. */
  unwrap<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const target = this.targets.get(value as unknown as object);
    if (target) return target as T;
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object' && this.targets.has(v))) {
      return value.map((v) => this.unwrap(v)) as T;
    }
    return value;
  }

  /** Turns an error thrown by emulator code into an error of the script's realm. */
  convertError(e: unknown): unknown {
    if (e instanceof this.SandboxError) return e;
    if (e === null || typeof e !== 'object') return e;
    const source = e as { message?: unknown; name?: unknown };
    const converted = new this.SandboxError(String(source.message ?? e));
    converted.name =
      source.name === 'Error' || source.name === 'KillSignal' || source.name === undefined
        ? 'Exception'
        : String(source.name);
    return converted;
  }

  private call(fn: AnyFn, self: unknown, args: unknown[]): unknown {
    let result: unknown;
    try {
      result = fn.apply(
        self,
        args.map((a) => this.unwrap(a)),
      );
    } catch (e) {
      throw this.convertError(e);
    }
    return this.wrap(result);
  }

  private handler(target: object): ProxyHandler<object> {
    return {
      get: (t, prop) => {
        const v = Reflect.get(t, prop, t);
        // A proxy must report a frozen property's own value.
        const own = Object.getOwnPropertyDescriptor(t, prop);
        if (own && !own.configurable && own.writable === false) return v;
        if (typeof v !== 'function' || prop === 'constructor') return this.wrap(v);
        let cache = this.methods.get(target);
        if (!cache) this.methods.set(target, (cache = new Map()));
        let m = cache.get(prop);
        if (!m) {
          m = (...args: unknown[]) => this.call(v as AnyFn, t, args);
          cache.set(prop, m);
        }
        return m;
      },
      set: (t, prop, value) => Reflect.set(t, prop, this.unwrap(value), t),
      apply: (t, self, args) => this.call(t as AnyFn, this.unwrap(self), args),
    };
  }
}

/**
 * Objects with behaviour (class instances, namespaces of methods) cross as
 * proxies; data (arrays, Dates, plain records) crosses as it is.
 */
function needsWrap(v: unknown): boolean {
  if (v === null) return false;
  if (typeof v === 'function') return true;
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return false;
  const proto = Object.getPrototypeOf(v);
  // A plain record of either realm: its prototype is some realm's Object.prototype.
  if (proto === null || Object.getPrototypeOf(proto) === null) {
    for (const k of Object.keys(v)) {
      const p = (v as Record<string, unknown>)[k];
      if (
        typeof p === 'function' ||
        (p !== null && typeof p === 'object' && !Array.isArray(p) && !(p instanceof Date) && needsWrap(p))
      )
        return true;
    }
    return false;
  }
  return true;
}
