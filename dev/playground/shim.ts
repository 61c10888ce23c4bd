/**
 * The playground's stand-in for what Google injects into a sidebar or dialog:
 * `google.script.run` (withSuccessHandler / withFailureHandler /
 * withUserObject chaining, then any server function by name) and
 * `google.script.host`. A call is POSTed to the playground server, which runs
 * it in the emulator as the acting user with google.script.run's rules
 * (JSON-like values only).
 */

/** The shim as browser code. `user` and `endpoint` are fixed per page. */
function shimSource(user: string, endpoint: string): string {
  // JSON inside <script>: '<' escaped so no value can close the element.
  const lit = (v: unknown): string =>
    JSON.stringify(v)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  return `(function () {
  var USER = ${lit(user)};
  var ENDPOINT = ${lit(endpoint)};
  function notify(type, detail) {
    try { if (window.parent && window.parent !== window) window.parent.postMessage({ source: 'handoff-playground', type: type, detail: detail }, '*'); } catch (e) {}
  }
  // google.script.run refuses what it cannot carry (developers.google.com/apps-script/guides/html/reference/run#parameters).
  function illegal(v, depth) {
    if (depth > 50) return 'a value nested too deeply';
    if (v === null || v === undefined) return null;
    if (typeof v === 'function') return 'a function';
    if (Object.prototype.toString.call(v) === '[object Date]') return 'a Date';
    if (typeof v === 'object') {
      if (v.nodeType) return 'a DOM element other than a form';
      for (var k in v) { if (Object.prototype.hasOwnProperty.call(v, k)) { var bad = illegal(v[k], depth + 1); if (bad) return bad; } }
    }
    return null;
  }
  function runner(success, failure, userObject) {
    var api = {
      withSuccessHandler: function (f) { return runner(f, failure, userObject); },
      withFailureHandler: function (f) { return runner(success, f, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    return new Proxy(api, {
      get: function (target, name) {
        if (name in target) return target[name];
        if (typeof name !== 'string' || name === 'then') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) {
            var err = new Error(message);
            if (failure) failure(err, userObject); else console.error(err);
          };
          for (var i = 0; i < args.length; i++) {
            var bad = illegal(args[i], 0);
            if (bad) { setTimeout(function () { fail('Failed due to illegal value in property: ' + bad); }, 0); return; }
          }
          notify('call', { fn: name });
          fetch(ENDPOINT, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args, user: USER }) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              notify('changed', { fn: name, ok: res.ok });
              if (res.ok) { if (success) success(res.result, userObject); }
              else fail(res.error);
            }, function (e) { fail('The playground server did not answer: ' + e.message); });
        };
      }
    });
  }
  // A link to a spreadsheet opens its local copy in the playground (nothing exists at docs.google.com).
  if (typeof document !== 'undefined') document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    var href = a ? a.getAttribute('href') || '' : '';
    if (href.indexOf('https://docs.google.com/spreadsheets/d/') === 0) { e.preventDefault(); notify('open-url', { url: href }); }
  }, true);
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      close: function () { notify('close', {}); },
      setHeight: function () {}, setWidth: function () {},
      editor: { focus: function () { notify('focus-editor', {}); } },
      origin: location.origin
    }
  };
})();`;
}

/** The page HtmlService would serve, with the shim loaded before any of its own scripts. */
export function withShim(html: string, user: string, endpoint = '/api/run'): string {
  const tag = `<script>${shimSource(user, endpoint)}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}
