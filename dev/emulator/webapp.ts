/**
 * A deployed web app (developers.google.com/apps-script/guides/web): who may
 * open it and whose authority it runs under come from the manifest's
 * `webapp` section (developers.google.com/apps-script/manifest/web-app-api-executable),
 * and each request is an execution of doGet(e) or doPost(e) with the event
 * object the guide documents. A web-app execution has no containing document
 * (no active spreadsheet, no document properties or lock) and no UI; with
 * executeAs USER_DEPLOYING it runs as the deployer, and a visitor who is not
 * signed in has no email at all (developers.google.com/apps-script/reference/base/session#getActiveUser()).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sameWorkspaceDomain } from './env';

export type WebAppAccess = 'MYSELF' | 'DOMAIN' | 'ANYONE' | 'ANYONE_ANONYMOUS';
export type WebAppExecuteAs = 'USER_DEPLOYING' | 'USER_ACCESSING';

export interface WebAppConfig {
  access: WebAppAccess;
  executeAs: WebAppExecuteAs;
}

export interface WebAppRequest {
  method?: 'GET' | 'POST';
  /** The query string without '?', e.g. 'a=1&b=2'. */
  query?: string;
  /** What follows /exec/ in the URL (e.pathInfo). */
  path?: string;
  /** The request body of a POST. */
  body?: string;
  /** Its content type (default application/x-www-form-urlencoded, what an HTML form sends). */
  contentType?: string;
  /** Who opens the URL: '' (the default) is someone not signed in to Google. */
  visitor?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** The `webapp` section of a built project's appsscript.json; an error saying so when there is none. */
export function webAppConfig(distDir: string): WebAppConfig {
  const file = path.join(distDir, 'appsscript.json');
  const manifest = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { webapp?: unknown }) : {};
  const w = manifest.webapp as Partial<WebAppConfig> | undefined;
  if (!w || typeof w !== 'object')
    throw new Error(`${file} has no "webapp" section: the project cannot be deployed as a web app.`);
  const access = w.access ?? 'MYSELF';
  const executeAs = w.executeAs ?? 'USER_DEPLOYING';
  if (!['MYSELF', 'DOMAIN', 'ANYONE', 'ANYONE_ANONYMOUS'].includes(access))
    throw new Error(`appsscript.json webapp.access "${String(access)}" is not a valid setting.`);
  if (!['USER_DEPLOYING', 'USER_ACCESSING'].includes(executeAs))
    throw new Error(`appsscript.json webapp.executeAs "${String(executeAs)}" is not a valid setting.`);
  return { access, executeAs };
}

/** Why the platform would not run the app for this visitor (it asks them to sign in, or refuses), or null. */
export function accessRefusal(config: WebAppConfig, visitor: string, deployer: string): string | null {
  if (config.access === 'ANYONE_ANONYMOUS') return null;
  if (!visitor) return 'Sign in to your Google account to open this page.';
  if (config.access === 'ANYONE') return null;
  if (config.access === 'DOMAIN') return sameWorkspaceDomain(visitor, deployer) ? null : 'You need access.';
  return visitor === deployer ? null : 'You need access.';
}

/** Whose authority the execution runs under. */
export function effectiveUserOf(config: WebAppConfig, visitor: string, deployer: string): string {
  return config.executeAs === 'USER_DEPLOYING' ? deployer : visitor;
}

function parseQuery(text: string): [string, string][] {
  if (!text) return [];
  return text
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.indexOf('=');
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return at < 0 ? [decode(p), ''] : [decode(p.slice(0, at)), decode(p.slice(at + 1))];
    });
}

/**
 * The event object of doGet(e) / doPost(e), as the web apps guide lays it out:
 * queryString (null without one), parameter (first value of each), parameters
 * (every value), contextPath '', contentLength (-1 without a body), pathInfo
 * when the URL has a path after /exec, and for a POST postData {length, type,
 * contents, name}. A form-encoded body's fields are request parameters too
 * (after the query's).
 */
export function webAppEvent(req: WebAppRequest): Record<string, unknown> {
  const query = req.query ?? '';
  const pairs = parseQuery(query);
  const post = (req.method ?? 'GET') === 'POST';
  const body = req.body ?? '';
  const type = req.contentType ?? FORM;
  if (post && type.startsWith(FORM)) pairs.push(...parseQuery(body));
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    if (!(k in parameters)) {
      parameters[k] = [];
      parameter[k] = v;
    }
    parameters[k].push(v);
  }
  const e: Record<string, unknown> = {
    queryString: query === '' ? null : query,
    parameter,
    parameters,
    contextPath: '',
    contentLength: post ? Buffer.byteLength(body, 'utf8') : -1,
  };
  if (req.path) e.pathInfo = req.path;
  if (post) e.postData = { length: Buffer.byteLength(body, 'utf8'), type, contents: body, name: 'postData' };
  return e;
}
