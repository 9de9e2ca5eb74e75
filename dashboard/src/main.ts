import './style.css';
import { onUnauthorized } from './api';
import { onVisibilityWait, waitingText } from './visibility';
import { adoptFragmentToken, isExpired, isOperator, session, signOut } from './auth';
import { h, replace } from './dom';
import { fallback, guard, navigate, render, route, startRouter } from './router';
import { page } from './views/common';
import { dispatchView } from './views/dispatch';
import { generatorView } from './views/generator';
import { integrationView } from './views/integration';
import { oauthCallbackView } from './views/oauthCallback';
import { projectView } from './views/project';
import { projectsView } from './views/projects';
import { signInView } from './views/signin';

let signInMessage: string | null = adoptFragmentToken();

function topbar(): void {
  const bar = document.getElementById('topbar')!;
  const s = session();
  const links = s
    ? [
        h('a', { href: '/', 'data-link': true }, 'Projects'),
        isOperator(s) ? h('a', { href: '/operator/dispatch', 'data-link': true, 'data-testid': 'nav-dispatch' }, 'Dispatch log') : null,
      ]
    : [];
  const out = h('button', { type: 'button', class: 'link' }, 'Sign out');
  out.addEventListener('click', () => {
    signOut();
    navigate('/signin');
  });
  replace(
    bar,
    h('a', { class: 'brand', href: '/', 'data-link': true }, 'Mailoo'),
    h('nav', { 'aria-label': 'Main' }, links),
    s
      ? h(
          'div',
          { class: 'user' },
          h('span', { class: 'user-email', 'data-testid': 'user-email', title: `user id ${s.sub}` }, s.email ?? s.sub),
          isOperator(s) ? h('span', { class: 'tag' }, 'operator') : null,
          out,
        )
      : null,
  );
}

// One polite status line for every request waiting for a just-created project or integration to reach a service.
const visibilityNotice = h('p', { class: 'visibility-wait', role: 'status', 'aria-live': 'polite', 'data-testid': 'visibility-wait', hidden: true });
document.getElementById('topbar')!.after(visibilityNotice);
onVisibilityWait((w) => {
  visibilityNotice.textContent = w ? waitingText(w) : '';
  visibilityNotice.hidden = !w;
});

onUnauthorized(() => {
  signOut();
  signInMessage = 'Your sign-in was refused or has expired. Sign in again.';
  navigate('/signin', { replace: true });
});

guard(() => {
  topbar();
  const main = document.getElementById('main')!;
  const s = session();
  if (window.location.pathname === '/signin') {
    signInView(main, signInMessage);
    signInMessage = null;
    return false;
  }
  if (!s || isExpired(s)) {
    if (s) {
      signOut();
      signInMessage = 'Your token has expired. Sign in again.';
      topbar();
    }
    signInView(main, signInMessage);
    signInMessage = null;
    return false;
  }
  return true;
});

route('/', projectsView);
route('/projects', projectsView);
route('/projects/:projectUid', projectView);
route('/projects/:projectUid/integrations/:integrationId', integrationView);
route('/projects/:projectUid/offer-generators/:generatorId', generatorView);
route('/operator/dispatch', dispatchView);
// the OAuth2 providers' redirect URI (OAUTH_REDIRECT_URI = <gateway>/oauth/callback, docs/oauth2.md)
route('/oauth/callback', oauthCallbackView);
fallback((main) =>
  page(main, 'Page not found', [{ label: 'Projects', href: '/' }], h('p', {}, 'There is no page at this address.')),
);

startRouter();
void render();
