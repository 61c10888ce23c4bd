/**
 * Utilities (developers.google.com/apps-script/reference/utilities/utilities)
 * and Blob. Byte arrays are Java bytes, -128…127, as the platform returns them.
 */
import crypto from 'node:crypto';
import { parseCsv } from './csv';
import { ScriptEnv } from './env';
import { formatDate, parseDate } from './format-date';
import { signatureError } from './errors';
import { normalizeTimeZone } from './tz';

export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Utilities.sleep refuses more than 5 minutes (developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)). */
export const MAX_SLEEP_MS = 300000;

function toSigned(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function toBuffer(data: unknown, charset?: string): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  const text = String(data);
  return charset === Charset.US_ASCII ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/** Blob: data with a content type and a name. */
export class BlobImpl {
  constructor(
    private readonly env: ScriptEnv,
    public bytes: Buffer,
    public contentType: string | null,
    public name: string | null,
  ) {}

  getBytes(): number[] {
    return this.env.call('Blob.getBytes', () => toSigned(this.bytes));
  }
  getDataAsString(charset?: string): string {
    return this.env.call('Blob.getDataAsString', () =>
      charset === Charset.US_ASCII ? this.bytes.toString('latin1') : this.bytes.toString('utf8'),
    );
  }
  getContentType(): string | null {
    return this.env.call('Blob.getContentType', () => this.contentType);
  }
  setContentType(type: string): BlobImpl {
    return this.env.call('Blob.setContentType', () => {
      this.contentType = type;
      return this;
    });
  }
  getName(): string | null {
    return this.env.call('Blob.getName', () => this.name);
  }
  setName(name: string): BlobImpl {
    return this.env.call('Blob.setName', () => {
      this.name = name;
      return this;
    });
  }
  setBytes(data: number[]): BlobImpl {
    return this.env.call('Blob.setBytes', () => {
      this.bytes = toBuffer(data);
      return this;
    });
  }
  setDataFromString(text: string, charset?: string): BlobImpl {
    return this.env.call('Blob.setDataFromString', () => {
      this.bytes = toBuffer(text, charset);
      return this;
    });
  }
  copyBlob(): BlobImpl {
    return this.env.call(
      'Blob.copyBlob',
      () => new BlobImpl(this.env, Buffer.from(this.bytes), this.contentType, this.name),
    );
  }
  isGoogleType(): boolean {
    return this.env.call('Blob.isGoogleType', () => false);
  }
  getAs(contentType: string): BlobImpl {
    return this.env.call('Blob.getAs', () => {
      if (contentType !== this.contentType)
        throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
      return new BlobImpl(this.env, Buffer.from(this.bytes), contentType, this.name);
    });
  }
}

export interface UtilitiesState {
  uuidCounter: number;
}

export function createUtilities(env: ScriptEnv, state: UtilitiesState): object {
  const call = <T>(m: string, impl: () => T): T => env.call(`Utilities.${m}`, impl);
  return {
    Charset,
    DigestAlgorithm,
    formatDate: (date: unknown, timeZone: unknown, format: unknown) =>
      call('formatDate', () => {
        if (
          Object.prototype.toString.call(date) !== '[object Date]' ||
          typeof timeZone !== 'string' ||
          typeof format !== 'string'
        ) {
          throw signatureError('Utilities.formatDate', [date, timeZone, format]);
        }
        if (Number.isNaN((date as Date).getTime())) throw new Error('Invalid argument: date');
        return formatDate((date as Date).getTime(), normalizeTimeZone(timeZone), format);
      }),
    parseDate: (date: unknown, timeZone: unknown, format: unknown) =>
      call('parseDate', () => {
        if (typeof date !== 'string' || typeof timeZone !== 'string' || typeof format !== 'string') {
          throw signatureError('Utilities.parseDate', [date, timeZone, format]);
        }
        const ms = parseDate(date, normalizeTimeZone(timeZone), format, env.kernel.now());
        if (ms === null) throw new Error(`Unparseable date: "${date}"`);
        return new env.kernel.Date(ms);
      }),
    formatString: (template: string, ...args: unknown[]) => call('formatString', () => formatString(template, args)),
    parseCsv: (csv: unknown, delimiter?: unknown) =>
      call('parseCsv', () => {
        if (typeof csv !== 'string') throw signatureError('Utilities.parseCsv', [csv]);
        return parseCsv(csv, delimiter === undefined ? ',' : String(delimiter));
      }),
    getUuid: () => call('getUuid', () => deterministicUuid(env.scriptId, state.uuidCounter++)),
    sleep: (ms: unknown) =>
      call('sleep', () => {
        const n = Number(ms);
        if (!Number.isFinite(n) || n < 0) throw new Error('Invalid argument: milliseconds');
        if (n > MAX_SLEEP_MS) throw new Error('Argument too large: milliseconds');
        env.kernel.advance(n);
      }),
    base64Encode: (data: unknown, charset?: string) =>
      call('base64Encode', () => toBuffer(data, charset).toString('base64')),
    base64EncodeWebSafe: (data: unknown, charset?: string) =>
      call('base64EncodeWebSafe', () =>
        toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      ),
    base64Decode: (encoded: unknown) => call('base64Decode', () => toSigned(decodeBase64(String(encoded)))),
    base64DecodeWebSafe: (encoded: unknown) =>
      call('base64DecodeWebSafe', () => toSigned(decodeBase64(String(encoded).replace(/-/g, '+').replace(/_/g, '/')))),
    newBlob: (data: unknown, contentType?: string, name?: string) =>
      call('newBlob', () => new BlobImpl(env, toBuffer(data ?? ''), contentType ?? null, name ?? null)),
    computeDigest: (algorithm: string, value: unknown, charset?: string) =>
      call('computeDigest', () => {
        const node = NODE_DIGEST[algorithm];
        if (!node) throw new Error(`Invalid argument: algorithm`);
        return toSigned(crypto.createHash(node).update(toBuffer(value, charset)).digest());
      }),
    computeHmacSha256Signature: (value: unknown, key: unknown, charset?: string) =>
      call('computeHmacSha256Signature', () =>
        toSigned(crypto.createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest()),
      ),
  };
}

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Error('Could not decode string.');
  return Buffer.from(clean, 'base64');
}

/** A v4-shaped id from a counter: distinct, stable across runs, so tests can pin what a script stored. */
export function deterministicUuid(seed: string, n: number): string {
  const h = crypto.createHash('sha1').update(`${seed}:${n}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Utilities.formatString: sprintf-style %s, %d, %f, %% (developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)). */
function formatString(template: string, args: unknown[]): string {
  let k = 0;
  return String(template).replace(
    /%(-?\d*)(?:\.(\d+))?([sdif%])/g,
    (_m, width: string, precision: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const v = args[k++];
      let s: string;
      if (conv === 'd' || conv === 'i') s = String(Math.trunc(Number(v)));
      else if (conv === 'f') s = Number(v).toFixed(precision === undefined ? 6 : Number(precision));
      else s = String(v);
      const w = Math.abs(Number(width || 0));
      return width.startsWith('-') ? s.padEnd(w) : s.padStart(w);
    },
  );
}
