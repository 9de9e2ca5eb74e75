// Path routing with the History API; the gateway answers every non-API path with index.html (SPA fallback).

export type Params = Record<string, string>;
export type View = (main: HTMLElement, params: Params) => Promise<void> | void;

interface Route {
  pattern: RegExp;
  keys: string[];
  view: View;
}

const routes: Route[] = [];
let notFound: View = () => {};
let before: () => boolean = () => true;

export function route(path: string, view: View): void {
  const keys: string[] = [];
  const pattern = new RegExp(
    '^' + path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
      keys.push(k);
      return '([^/]+)';
    }) + '/?$',
  );
  routes.push({ pattern, keys, view });
}

export function fallback(view: View): void {
  notFound = view;
}

/** runs before every render; returning false stops the render (e.g. not signed in) */
export function guard(fn: () => boolean): void {
  before = fn;
}

let renderId = 0;
/** true while the render that started it is still the current one (pollers stop when the page changes) */
export function currentRender(): () => boolean {
  const id = renderId;
  return () => id === renderId;
}

export async function render(): Promise<void> {
  renderId += 1;
  const main = document.getElementById('main')!;
  if (!before()) return;
  const path = window.location.pathname;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      const params: Params = {};
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      await r.view(main, params);
      return;
    }
  }
  await notFound(main, {});
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void render().then(() => {
    const main = document.getElementById('main');
    const heading = main?.querySelector('h1');
    // move focus to the new page's heading so keyboard and screen-reader users land on the content
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  });
}

export function startRouter(): void {
  document.addEventListener('click', (ev) => {
    const a = (ev.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    navigate(a.getAttribute('href')!);
  });
  window.addEventListener('popstate', () => void render());
}
