/**
 * What the hub remembers about each departure's transition sheet, in the
 * hub's document properties: the file's id, when the therapist's access was
 * removed, and a snapshot of the editable cells as last synced (as hashes, so
 * no client data is copied there). Read with one call, written with one.
 * A property value holds at most 9 kB, so a large snapshot is split in parts.
 */
import { decodeSnapshot, encodeSnapshot, Snapshot } from './plan';

const PREFIX = 'handoff.departure.';
const PART_CHARS = 8000;

export interface SheetState {
  fileId: string;
  url: string;
  /** ISO date and time the therapist's access was removed, '' while they have it. */
  revokedAt: string;
  /** Number of snapshot parts stored. */
  parts: number;
}

const EMPTY: SheetState = { fileId: '', url: '', revokedAt: '', parts: 0 };

export class DepartureStore {
  private readonly dirty = new Map<string, string>();
  private readonly deleted = new Set<string>();

  private constructor(
    private readonly props: GoogleAppsScript.Properties.Properties,
    private readonly all: Record<string, string>,
  ) {}

  static open(): DepartureStore {
    const props = PropertiesService.getDocumentProperties();
    return new DepartureStore(props, props.getProperties() ?? {});
  }

  private get(key: string): string | undefined {
    if (this.deleted.has(key)) return undefined;
    return this.dirty.get(key) ?? this.all[key];
  }

  private put(key: string, value: string): void {
    this.deleted.delete(key);
    this.dirty.set(key, value);
  }

  state(id: string): SheetState {
    const raw = this.get(PREFIX + id);
    if (!raw) return { ...EMPTY };
    try {
      return { ...EMPTY, ...(JSON.parse(raw) as Partial<SheetState>) };
    } catch {
      return { ...EMPTY };
    }
  }

  setState(id: string, patch: Partial<SheetState>): void {
    this.put(PREFIX + id, JSON.stringify({ ...this.state(id), ...patch }));
  }

  snapshot(id: string): Map<string, Snapshot> {
    const out = new Map<string, Snapshot>();
    const parts = this.state(id).parts;
    for (let i = 0; i < parts; i++) {
      for (const line of (this.get(`${PREFIX}${id}.snapshot.${i}`) ?? '').split('\n')) {
        const [ref, code] = line.split('=');
        const s = ref && code ? decodeSnapshot(code) : null;
        if (s) out.set(ref, s);
      }
    }
    return out;
  }

  setSnapshot(id: string, snapshot: ReadonlyMap<string, Snapshot>): void {
    const parts: string[] = [];
    let current = '';
    for (const [ref, s] of snapshot) {
      const line = `${ref}=${encodeSnapshot(s)}`;
      if (current && current.length + line.length + 1 > PART_CHARS) {
        parts.push(current);
        current = '';
      }
      current = current ? `${current}\n${line}` : line;
    }
    if (current) parts.push(current);
    const before = this.state(id).parts;
    parts.forEach((p, i) => this.put(`${PREFIX}${id}.snapshot.${i}`, p));
    for (let i = parts.length; i < before; i++) {
      this.dirty.delete(`${PREFIX}${id}.snapshot.${i}`);
      this.deleted.add(`${PREFIX}${id}.snapshot.${i}`);
    }
    this.setState(id, { parts: parts.length });
  }

  hasChanges(): boolean {
    return this.dirty.size > 0 || this.deleted.size > 0;
  }

  /** Saves what changed: one call for the values, one per stale part. */
  commit(): void {
    if (this.dirty.size) {
      const values: Record<string, string> = {};
      for (const [k, v] of this.dirty) values[k] = v;
      this.props.setProperties(values, false);
      Object.assign(this.all, values);
    }
    for (const k of this.deleted) {
      if (this.all[k] !== undefined) this.props.deleteProperty(k);
      delete this.all[k];
    }
    this.dirty.clear();
    this.deleted.clear();
  }
}
