// /oauth/callback: where Microsoft, Google or the operator's provider sends the browser back after "Connect with …"
// (docs/oauth2.md). The code and state leave the address bar and the history at once; the entry the panel wrote in
// this tab's sessionStorage says where to POST them (oauthFlow.ts). Success returns to the panel, which then says
// "Connected as …"; a refusal (error=access_denied) or a bad answer is explained here, nothing having changed.

import { api } from '../api';
import { h } from '../dom';
import { errorBanner, problemBanner } from '../form';
import { callbackErrorSentence, callbackParams, FLASH_KEY, providerName, takePending } from '../oauthFlow';
import { navigate } from '../router';
import { smtpViewOf } from '../smtpPanel';
import { page } from './common';

const TITLE = 'Connecting your mailbox';

export async function oauthCallbackView(main: HTMLElement): Promise<void> {
  const answer = callbackParams(window.location.search);
  // the authorization code is a credential until it is used: not in the address bar, the history or a bookmark
  history.replaceState(null, '', '/oauth/callback');
  const pending = takePending(sessionStorage);
  const crumbs = [{ label: 'Projects', href: '/' }];
  if (!pending) {
    return page(
      main,
      TITLE,
      crumbs,
      h(
        'div',
        { 'data-testid': 'oauth-callback-error' },
        errorBanner(
          'This sign-in answer belongs to no connection started in this browser tab, or it was used already (or is older than 10 minutes): nothing was connected.',
          'Open the SMTP settings of the integration or offer generator and click “Connect with …” again.',
        ),
      ),
    );
  }
  const label = pending.label || providerName(pending.provider);
  const back = h('p', {}, h('a', { href: pending.returnTo, 'data-link': true, 'data-testid': 'oauth-back' }, 'Back to the SMTP settings'));
  if (answer.error) {
    const e = callbackErrorSentence(answer.error, label);
    return page(
      main,
      TITLE,
      crumbs,
      h('div', { 'data-testid': 'oauth-callback-error', 'data-error': answer.error }, errorBanner(e.sentence, e.check, answer.errorDescription, null)),
      back,
    );
  }
  if (!answer.code || !answer.state) {
    return page(
      main,
      TITLE,
      crumbs,
      h('div', { 'data-testid': 'oauth-callback-error' }, errorBanner(`${label} sent the browser back without a code: nothing was connected.`, 'Connect again.')),
      back,
    );
  }
  page(main, TITLE, crumbs, h('p', { class: 'muted', role: 'status' }, `Finishing the connection with ${label}…`));
  const r = await api<unknown>('POST', pending.completePath, { state: answer.state, code: answer.code });
  if (!r.ok) {
    return page(main, TITLE, crumbs, h('div', { 'data-testid': 'oauth-callback-error', 'data-code': r.problem.code }, problemBanner(r.problem)), back);
  }
  const account = smtpViewOf(r.data)?.oauth2?.account;
  sessionStorage.setItem(
    FLASH_KEY,
    JSON.stringify({
      path: pending.returnTo,
      message: `Connected to ${label}${account ? ` as ${account}` : ''}. The SMTP settings are saved; send a test email to check them.`,
    }),
  );
  navigate(pending.returnTo, { replace: true });
}
