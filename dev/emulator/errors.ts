/** Error texts the platform uses across services. */

function typeName(a: unknown): string {
  if (a === null || a === undefined) return 'null';
  if (a instanceof Date) return 'Date';
  if (Array.isArray(a)) return 'Array';
  if (typeof a === 'string') return 'String';
  if (typeof a === 'number') return 'number';
  if (typeof a === 'boolean') return 'Boolean';
  return 'Object';
}

/** When no overload fits: "The parameters (String) don't match the method signature for MailApp.sendEmail." */
export function signatureError(method: string, args: unknown[]): Error {
  return new Error(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`);
}
