/** Session-style User objects (getEmail) and email arguments that may be Users. */
export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

/** An email argument: a string or anything with getEmail(). */
export function emailOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof (v as { getEmail?: unknown }).getEmail === 'function')
    return String((v as { getEmail(): string }).getEmail());
  return null;
}

export const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
