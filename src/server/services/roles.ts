/**
 * Roles come from Settings (Admin Emails, CSR Emails) and are checked on the
 * server before anything is written. Admins may do everything a CSR may.
 */
import { Role } from '../core/schema';
import { Settings } from '../table/settings';

export class RoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleError';
  }
}

export function rolesOf(user: string, settings: Settings): Role[] {
  const roles: Role[] = [];
  if (!user) return roles;
  if (settings.emails('Admin Emails').includes(user)) roles.push('admin', 'csr');
  else if (settings.emails('CSR Emails').includes(user)) roles.push('csr');
  return roles;
}

const ROLE_NAME: Record<Role, string> = {
  admin: 'a transition manager (Admin Emails)',
  csr: 'a CSR or transition manager (CSR Emails or Admin Emails)',
};

/** Throws, naming the role needed, unless the user holds it. */
export function requireRole(user: string, settings: Settings, role: Role, action: string): void {
  if (settings.emails('Admin Emails').length === 0) {
    throw new RoleError(
      `The workbook has no admin yet, so "${action}" cannot run. Use Handoff ▸ Set up workbook first; nothing was changed.`,
    );
  }
  if (!user) {
    throw new RoleError(
      `Google did not tell the add-on who you are, so "${action}" was refused. Sign in with your practice account; nothing was changed.`,
    );
  }
  if (!rolesOf(user, settings).includes(role)) {
    throw new RoleError(
      `"${action}" needs ${ROLE_NAME[role]} in Settings; ${user} is not listed there. Ask a transition manager to add you. Nothing was changed.`,
    );
  }
}
