/**
 * DriveApp, minimal (developers.google.com/apps-script/reference/drive/drive-app):
 * the emulated spreadsheets as Drive files, with their sharing. The add-on
 * itself keeps to SpreadsheetApp for narrow scopes; this is here so a script
 * that does reach for DriveApp behaves as it would.
 */
import { ScriptEnv, SCOPES } from './env';

export const Access = {
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
} as const;
export const Permission = {
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  FILE_ORGANIZER: 'FILE_ORGANIZER',
  NONE: 'NONE',
} as const;

/** The platform's text for a missing or inaccessible file. */
export const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

/** What DriveApp needs of a spreadsheet file (the spreadsheet emulator's EmSpreadsheet has it). */
export interface DriveBackedFile {
  id: string;
  name: string;
  url: string;
  owner: string;
  editors: string[];
  viewers: string[];
  canOpen(user: string): boolean;
}

export interface DriveState {
  sharing: Record<string, { access: string; permission: string }>;
  /** Files moved to the trash (ids); absent in older snapshots. */
  trashed?: Record<string, true>;
}

export class DriveStore {
  state: DriveState = { sharing: {}, trashed: {} };

  isTrashed(id: string): boolean {
    return this.state.trashed?.[id] === true;
  }

  constructor(
    private readonly env: ScriptEnv,
    private readonly lookup: (id: string) => DriveBackedFile | undefined,
  ) {}

  service(): object {
    const env = this.env;
    return {
      Access,
      Permission,
      getFileById: (id: unknown) =>
        env.call('DriveApp.getFileById', () => {
          env.requireAuthorization('DriveApp.getFileById', SCOPES.drive);
          const f = this.lookup(String(id));
          if (!f || !f.canOpen(env.effectiveUser())) throw new Error(NO_ITEM);
          return new DriveFile(env, this, f);
        }),
    };
  }
}

class DriveUser {
  constructor(
    private readonly env: ScriptEnv,
    private readonly email: string,
  ) {}
  getEmail(): string {
    return this.env.call('User.getEmail', () => this.email);
  }
  getName(): string {
    return this.env.call('User.getName', () => this.email.split('@')[0]);
  }
  getDomain(): string {
    return this.env.call('User.getDomain', () => this.email.split('@')[1] ?? '');
  }
}

function emailOf(u: unknown): string {
  if (u instanceof DriveUser) return (u as unknown as { email: string }).email;
  const s = String(u).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) throw new Error(`Invalid argument: ${s}`);
  return s;
}

class DriveFile {
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: DriveStore,
    private readonly f: DriveBackedFile,
  ) {}

  private call<T>(m: string, impl: () => T): T {
    return this.env.call(`File.${m}`, impl);
  }
  private users(list: string[]): DriveUser[] {
    return list.map((e) => new DriveUser(this.env, e));
  }

  getId(): string {
    return this.call('getId', () => this.f.id);
  }
  getName(): string {
    return this.call('getName', () => this.f.name);
  }
  getUrl(): string {
    return this.call('getUrl', () => this.f.url);
  }
  getMimeType(): string {
    return this.call('getMimeType', () => 'application/vnd.google-apps.spreadsheet');
  }
  getOwner(): DriveUser {
    return this.call('getOwner', () => new DriveUser(this.env, this.f.owner));
  }
  getEditors(): DriveUser[] {
    return this.call('getEditors', () => this.users(this.f.editors));
  }
  getViewers(): DriveUser[] {
    return this.call('getViewers', () => this.users(this.f.viewers));
  }
  addEditor(user: unknown): this {
    return this.call('addEditor', () => {
      this.add(this.f.editors, emailOf(user));
      return this;
    });
  }
  addEditors(users: unknown[]): this {
    return this.call('addEditors', () => {
      users.map(emailOf).forEach((e) => this.add(this.f.editors, e));
      return this;
    });
  }
  removeEditor(user: unknown): this {
    return this.call('removeEditor', () => {
      remove(this.f.editors, emailOf(user));
      return this;
    });
  }
  addViewer(user: unknown): this {
    return this.call('addViewer', () => {
      this.add(this.f.viewers, emailOf(user));
      return this;
    });
  }
  removeViewer(user: unknown): this {
    return this.call('removeViewer', () => {
      remove(this.f.viewers, emailOf(user));
      remove(this.f.editors, emailOf(user));
      return this;
    });
  }
  setSharing(accessType: string, permissionType: string): this {
    return this.call('setSharing', () => {
      if (!(String(accessType) in Access) || !(String(permissionType) in Permission))
        throw new Error('Invalid argument: accessType');
      this.store.state.sharing[this.f.id] = { access: String(accessType), permission: String(permissionType) };
      return this;
    });
  }
  getSharingAccess(): string {
    return this.call('getSharingAccess', () => this.store.state.sharing[this.f.id]?.access ?? Access.PRIVATE);
  }
  /**
   * file#settrashedtrashed: only the owner may move a file to the trash
   * (developers.google.com/drive/api/reference/rest/v2/files/trash: "The
   * currently authenticated user must own the file"). The file stays openable
   * by id until the trash is emptied.
   */
  setTrashed(trashed: unknown): this {
    return this.call('setTrashed', () => {
      if (typeof trashed !== 'boolean') throw new Error('Invalid argument: trashed');
      if (this.env.effectiveUser().toLowerCase() !== this.f.owner.toLowerCase())
        throw new Error('Access denied: DriveApp.');
      const state = (this.store.state.trashed ??= {});
      if (trashed) state[this.f.id] = true;
      else delete state[this.f.id];
      return this;
    });
  }
  isTrashed(): boolean {
    return this.call('isTrashed', () => this.store.isTrashed(this.f.id));
  }
  getSharingPermission(): string {
    return this.call('getSharingPermission', () => this.store.state.sharing[this.f.id]?.permission ?? Permission.NONE);
  }

  private add(list: string[], email: string): void {
    if (email.toLowerCase() === this.f.owner.toLowerCase()) return;
    if (!list.some((e) => e.toLowerCase() === email.toLowerCase())) list.push(email);
  }
}

function remove(list: string[], email: string): void {
  const i = list.findIndex((e) => e.toLowerCase() === email.toLowerCase());
  if (i >= 0) list.splice(i, 1);
}
