// Project members: everyone sees the list; the owner adds members by user id (the JWT `sub`) and email. Members
// read everything and may reply to messages; owner-only routes (SMTP settings, campaigns, keys…) answer them 403.
import { api, enc } from '../api';
import { h, table } from '../dom';
import { busy, Form } from '../form';
import { loadedList } from './common';

interface Member {
  userId: string;
  email: string | null;
}

export function membersSection(projectUid: string, owner: boolean): HTMLElement {
  const path = `/api/v1/projects/${enc(projectUid)}/members`;
  const { el: list, load } = loadedList<Member>(path, 'No members besides the owner.', (members) => ({
    content: table(['User id', 'Email'], members.map((m) => [h('code', {}, m.userId), m.email ?? '']), 'Members'),
    pending: false,
  }));
  void load();
  const form = new Form({ class: 'add-member' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Add member');
  form.el.append(
    h(
      'div',
      { class: 'grid' },
      form.field({ name: 'userId', label: 'User id', required: true, hint: 'Their sign-in id (the token’s “sub”).' }),
      form.field({ name: 'email', label: 'Email', type: 'email', required: true }),
    ),
    h('div', { class: 'actions' }, add),
  );
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(add, 'Adding…', async () => {
      const r = await api<Member>('POST', path, { userId: form.value('userId').trim(), email: form.value('email').trim() });
      if (!r.ok) {
        form.showProblem(r.problem);
        if (r.problem.code === 'MEMBER_IS_OWNER' && form.setFieldError('userId', 'This is the owner.')) form.focusFirstError();
        return;
      }
      form.el.reset();
      form.showSuccess(`Added ${r.data.email ?? r.data.userId}.`);
      await load();
    });
  });
  return h(
    'section',
    { class: 'panel', id: 'members', 'aria-labelledby': 'members-title' },
    h('h2', { id: 'members-title' }, 'Members'),
    list,
    owner ? form.el : null,
  );
}
