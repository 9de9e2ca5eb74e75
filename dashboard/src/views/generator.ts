import { api, enc } from '../api';
import { session } from '../auth';
import { badge, formatTime, h, money, table } from '../dom';
import { type Form, problemBanner } from '../form';
import { currentRender } from '../router';
import { smtpPanel, type SmtpBody, type SmtpView, type TestOutcome } from '../smtpPanel';
import { FINAL, listSection, loadFailed, loadProject, loading, page } from './common';
import { deliveryLogSection } from './deliveryLog';
import type { Generator } from './project';

interface MailSettings {
  smtp: SmtpView;
  internalNotificationAddress: string | null;
  branding: { companyName: string | null; logoUrl: string | null; primaryColor: string | null; footerText: string | null } | null;
  version: number;
  updatedAt: string;
}

interface MailStatus {
  status: string;
  errorCode: string | null;
}

interface Submission {
  submissionId: string;
  createdAt: string;
  customer: { email: string; name: string | null };
  offer: { total: number; currency: string } | null;
  customerDelivery: MailStatus;
  internalNotification: MailStatus;
}

export async function generatorView(main: HTMLElement, params: Record<string, string>): Promise<void> {
  loading(main);
  const { projectUid, generatorId } = params;
  const base = `/api/v1/projects/${enc(projectUid)}/offer-generators/${enc(generatorId)}`;
  const [proj, gen, ms] = await Promise.all([
    loadProject(projectUid),
    api<Generator>('GET', base),
    api<MailSettings>('GET', `${base}/mail-settings`),
  ]);
  if (!proj.ok) return loadFailed(main, 'Offer generator', proj.problem);
  if (!gen.ok) return loadFailed(main, 'Offer generator', gen.problem);
  const g = gen.data;
  const owner = proj.data.role === 'OWNER';
  const active = currentRender();
  const settings = ms.ok ? ms.data : null;
  const settingsProblem = owner && !ms.ok && ms.status !== 404 ? ms.problem : null;

  const extras = (form: Form) =>
    h(
      'div',
      { class: 'extras' },
      h('h4', {}, 'Internal notification'),
      form.field({
        name: 'internalNotificationAddress',
        label: 'Notify this address of each submission',
        type: 'email',
        value: settings?.internalNotificationAddress,
        hint: 'Optional. The notification has the customer as Reply-To.',
      }),
      h('h4', {}, 'Branding of the offer mail'),
      h(
        'div',
        { class: 'grid' },
        form.field({ name: 'branding.companyName', label: 'Company name', value: settings?.branding?.companyName, maxlength: 100 }),
        form.field({ name: 'branding.logoUrl', label: 'Logo URL', type: 'url', value: settings?.branding?.logoUrl, placeholder: 'https://…' }),
        form.field({ name: 'branding.primaryColor', label: 'Primary colour (#rrggbb)', value: settings?.branding?.primaryColor, placeholder: '#1f2937', maxlength: 7 }),
        form.field({ name: 'branding.footerText', label: 'Footer text', type: 'textarea', rows: 2, value: settings?.branding?.footerText, maxlength: 1000 }),
      ),
    );

  const mailSettingsBody = (smtp: SmtpBody, form: Form) => ({
    smtp,
    internalNotificationAddress: form.optional('internalNotificationAddress'),
    branding: {
      companyName: form.optional('branding.companyName'),
      logoUrl: form.optional('branding.logoUrl'),
      primaryColor: form.optional('branding.primaryColor'),
      footerText: form.optional('branding.footerText'),
    },
  });

  const panel = owner
    ? smtpPanel({
        idPrefix: 'offer',
        saved: settings?.smtp ?? null,
        canEdit: owner,
        recipient: session()?.email ?? null,
        extraFields: extras,
        save: (smtp, form) => api<MailSettings>('PUT', `${base}/mail-settings`, mailSettingsBody(smtp, form)),
        afterSave: (data) => (data as MailSettings).smtp,
        test: (smtp, form) => api<TestOutcome>('POST', `${base}/mail-settings/test`, { mailSettings: mailSettingsBody(smtp, form) }),
        remove: () => api('DELETE', `${base}/mail-settings`),
        historyPath: `${base}/mail-settings/audit`,
        providersPath: `/api/v1/projects/${enc(projectUid)}/smtp-providers`,
        oauthBase: `${base}/mail-settings`,
      })
    : h('p', { class: 'muted' }, 'Only the project’s owner sees and changes the mail settings.');

  const submissions = !owner ? null : listSection<Submission>({
    id: 'submissions',
    title: 'Submissions',
    path: `${base}/submissions`,
    empty: 'No submissions yet.',
    active,
    render: (subs) => ({
      content: table(
        ['Submitted', 'Customer', 'Offer total', 'Offer to customer', 'Internal notification'],
        subs.map((s) => [
          formatTime(s.createdAt),
          s.customer?.email ?? '',
          s.offer ? money(s.offer.total, s.offer.currency ?? g.currency) : '',
          h('span', { 'data-testid': 'delivery-status', 'data-status': s.customerDelivery?.status }, badge(s.customerDelivery?.status, s.customerDelivery?.errorCode)),
          h('span', { 'data-testid': 'internal-status', 'data-status': s.internalNotification?.status }, badge(s.internalNotification?.status, s.internalNotification?.errorCode)),
        ]),
        'Submissions',
      ),
      pending: subs.some((s) => !FINAL.has(s.customerDelivery?.status) || !FINAL.has(s.internalNotification?.status)),
    }),
  });

  page(
    main,
    g.name,
    [
      { label: 'Projects', href: '/' },
      { label: proj.data.name, href: `/projects/${encodeURIComponent(projectUid)}` },
      { label: g.name },
    ],
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Base price'),
      h('dd', {}, money(g.basePriceMinor, g.currency)),
      h('dt', {}, 'Public wizard'),
      h('dd', {}, h('code', {}, `GET /api/v1/public/offer-generators/${g.id}`)),
    ),
    h(
      'section',
      { class: 'panel', id: 'mail-settings', 'aria-labelledby': 'mail-settings-title' },
      h('h2', { id: 'mail-settings-title' }, 'Mail settings'),
      settingsProblem ? problemBanner(settingsProblem) : null,
      panel,
    ),
    submissions,
    deliveryLogSection(base, owner, active),
  );
}
