import { signIn } from '../auth';
import { h } from '../dom';
import { Form } from '../form';
import { navigate } from '../router';
import { page } from './common';

export function signInView(main: HTMLElement, message?: string | null): void {
  const form = new Form({ class: 'signin-form' });
  form.el.append(
    form.field({
      name: 'token',
      label: 'Dev token (JWT)',
      type: 'textarea',
      rows: 5,
      required: true,
      hint: h(
        'span',
        {},
        'Paste a token from ',
        h('code', {}, './mailoo token --sub user-1 --email you@example.com --groups user'),
        '. It is kept in this tab only (session storage) and sent only as an Authorization header to the gateway.',
      ),
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
  form.el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    form.clearErrors();
    try {
      signIn(form.value('token'));
      navigate('/');
    } catch (e) {
      form.setFieldError('token', (e as Error).message);
      form.focusFirstError();
    }
  });
  page(
    main,
    'Sign in',
    [],
    message ? h('div', { class: 'banner banner-error', role: 'alert' }, message) : null,
    h('p', {}, 'Local development sign-in: ', h('code', {}, './mailoo up'), ' prints a link that signs you in as a dev owner; or paste a token here.'),
    h('section', { class: 'panel' }, form.el),
  );
}
