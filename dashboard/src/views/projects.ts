import { api } from '../api';
import { formatTime, h, table } from '../dom';
import { busy, Form, problemBanner } from '../form';
import { navigate } from '../router';
import { loading, page, type Project } from './common';

export async function projectsView(main: HTMLElement): Promise<void> {
  loading(main);
  const r = await api<Project[]>('GET', '/api/v1/projects');
  const list = r.ok
    ? r.data.length
      ? table(
          ['Project', 'Your role', 'Created'],
          r.data.map((p) => [
            h('a', { href: `/projects/${encodeURIComponent(p.projectUid)}`, 'data-link': true }, p.name),
            p.role === 'OWNER' ? 'Owner' : 'Member',
            formatTime(p.createdAt),
          ]),
          'Your projects',
        )
      : h('p', { class: 'muted' }, 'No projects yet: create one below.')
    : problemBanner(r.problem);

  const form = new Form({ class: 'create-project' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create project');
  form.el.append(form.field({ name: 'name', label: 'Project name', required: true, maxlength: 200 }), h('div', { class: 'actions' }, submit));
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(submit, 'Creating…', async () => {
      const c = await api<Project>('POST', '/api/v1/projects', { name: form.value('name').trim() });
      if (c.ok) navigate(`/projects/${encodeURIComponent(c.data.projectUid)}`);
      else form.showProblem(c.problem);
    });
  });

  page(
    main,
    'Projects',
    [],
    h('section', { class: 'panel', 'aria-labelledby': 'projects-list' }, h('h2', { id: 'projects-list' }, 'Your projects'), list),
    h('section', { class: 'panel', 'aria-labelledby': 'projects-new' }, h('h2', { id: 'projects-new' }, 'New project'), form.el),
  );
}
