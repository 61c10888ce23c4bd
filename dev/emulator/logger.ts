/**
 * Logger (developers.google.com/apps-script/reference/base/logger) and console
 * (developers.google.com/apps-script/guides/logging): both record to the
 * execution's log, which the runner returns with each run.
 */
import util from 'node:util';
import { LogEntry, ScriptEnv } from './env';

function render(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : util.inspect(a, { depth: 4, breakLength: Infinity }))).join(' ');
}

/** Logger.log(format, values…) fills %s placeholders in order. */
function loggerText(data: unknown, values: unknown[]): string {
  if (values.length === 0) return typeof data === 'string' ? data : render([data]);
  let k = 0;
  return String(data).replace(/%s/g, () => (k < values.length ? render([values[k++]]) : '%s'));
}

export function createLogger(env: ScriptEnv): object {
  let harnessText = '';
  const logger = {
    log: (data: unknown, ...values: unknown[]) =>
      env.call('Logger.log', () => {
        const msg = loggerText(data, values);
        if (env.execution) env.execution.loggerText += `${msg}\n`;
        else harnessText += `${msg}\n`;
        env.log('info', msg);
        return logger;
      }),
    getLog: () => env.call('Logger.getLog', () => (env.execution ? env.execution.loggerText : harnessText)),
    clear: () =>
      env.call('Logger.clear', () => {
        if (env.execution) env.execution.loggerText = '';
        else harnessText = '';
      }),
  };
  return logger;
}

export function createConsole(env: ScriptEnv): object {
  const at =
    (level: LogEntry['level']) =>
    (...args: unknown[]) =>
      env.call(`console.${level}`, () => {
        env.log(level, render(args));
      });
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error') };
}
