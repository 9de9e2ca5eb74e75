import { api, enc, type Problem } from '../api';
import { h, replace, type Child } from '../dom';
import { busy, button, problemBanner } from '../form';

export interface Project {
  projectUid: string;
  name: string;
  ownerUserId: string;
  role: 'OWNER' | 'MEMBER';
  createdAt: string;
}

export function page(main: HTMLElement, title: string, crumbs: { label: string; href?: string }[], ...content: Child[]): void {
  document.title = `${title} · Mailoo`;
  replace(
    main,
    crumbs.length
      ? h(
          'nav',
          { class: 'crumbs', 'aria-label': 'Breadcrumb' },
          h(
            'ol',
            {},
            crumbs.map((c) => h('li', {}, c.href ? h('a', { href: c.href, 'data-link': true }, c.label) : h('span', { 'aria-current': 'page' }, c.label))),
          ),
        )
      : null,
    h('h1', {}, title),
    ...content,
  );
}

export function loadFailed(main: HTMLElement, title: string, p: Problem): void {
  page(main, title, [{ label: 'Projects', href: '/' }], problemBanner(p));
}

export async function loadProject(projectUid: string) {
  return api<Project>('GET', `/api/v1/projects/${enc(projectUid)}`);
}

export function loading(main: HTMLElement): void {
  replace(main, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
}

export { FINAL } from '../statuses';

/**
 * Polls `tick` every `intervalMs` while `active()` is true (the page is still shown) and `tick` says there is more
 * to wait for; gives up after `maxMs`.
 */
export function poll(tick: () => Promise<boolean>, active: () => boolean, intervalMs = 1000, maxMs = 180_000): void {
  const start = Date.now();
  const step = async () => {
    if (!active() || Date.now() - start > maxMs) return;
    let more = true;
    try {
      more = await tick();
    } catch {
      more = true;
    }
    if (more && active()) window.setTimeout(step, intervalMs);
  };
  window.setTimeout(step, intervalMs);
}

/** a 404 that names no missing project or resource: the route itself is not served by this server (yet) */
export function routeNotServed(p: Problem, status: number): boolean {
  return status === 404 && ['NOT_FOUND', 'ROUTE_NOT_FOUND', 'HTTP_404'].includes(p.code);
}

export interface ListSection<T> {
  id: string;
  title: string;
  intro?: Child;
  path: string;
  empty: string;
  /** the list's content; returns true while something in it is still on its way (then it is polled) */
  render: (items: T[]) => { content: Child; pending: boolean };
  /** what to show for a failed load (default: the problem banner) */
  failed?: (p: Problem, status: number) => Child;
  active: () => boolean;
  intervalMs?: number;
}

/**
 * A list loaded from `path` into `el` (a loading line, then the content, the `empty` sentence or the problem); `load`
 * reloads it and answers whether `render` said something is still pending.
 */
export function loadedList<T>(
  path: string,
  empty: string,
  render: (items: T[]) => { content: Child; pending: boolean },
  failed?: (p: Problem, status: number) => Child,
): { el: HTMLElement; load: () => Promise<boolean> } {
  const el = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const load = async (): Promise<boolean> => {
    const r = await api<T[]>('GET', path);
    if (!r.ok) {
      replace(el, failed ? failed(r.problem, r.status) : problemBanner(r.problem));
      return false;
    }
    if (!r.data.length) {
      replace(el, h('p', { class: 'muted' }, empty));
      return false;
    }
    const { content, pending } = render(r.data);
    replace(el, content);
    return pending;
  };
  return { el, load };
}

/** A panel with a heading, a Refresh button and a list loaded from `path`, polled while items are pending. */
export function listSection<T>(o: ListSection<T>): HTMLElement {
  const { el: body, load } = loadedList<T>(o.path, o.empty, o.render, o.failed);
  const refresh = button('Refresh', { class: 'secondary small' });
  let polling = false;
  const follow = (more: boolean) => {
    if (!more || polling) return;
    polling = true;
    poll(
      async () => {
        const again = await load();
        polling = again;
        return again;
      },
      o.active,
      o.intervalMs ?? 2000,
    );
  };
  refresh.addEventListener('click', () => void busy(refresh, 'Refreshing…', load).then(follow));
  void load().then(follow);
  return h(
    'section',
    { class: 'panel', id: o.id, 'aria-labelledby': `${o.id}-title` },
    h('div', { class: 'section-head' }, h('h2', { id: `${o.id}-title` }, o.title), refresh),
    o.intro ? h('p', { class: 'muted' }, o.intro) : null,
    body,
  );
}
