// The clerk workspace: task list with queue / mine / overdue / due-soon filters and an SLA countdown,
// claim, the task's form (form-js) with the case and its timeline beside it, transfer and comment.
// A case can also be opened by its reference (#/case/<reference>); a case with a permit certificate
// shows it, and supervisors and admins revoke it there with a reason (docs/adr/0022). The case
// details show the language the citizen gets notices in, and the clerk changes it (docs/adr/0023).
// Everything is a native link, button or form control, so the keyboard alone works.
import './style.css';
import {
  ApiError, announce, api, currentLang, describeError, el, formatDate, formatDateTime, initI18n, mountLangSwitch, mountStaffSession, onLangChange,
  slaCountdown, t, tOptional
} from './common.js';
import { renderForm } from './forms.js';

const FILTERS = ['queue', 'mine', 'overdue', 'dueSoon'];
const app = document.getElementById('app');
let me;
let filter = 'queue';

function filterQuery() {
  return filter === 'queue' ? '' : `&${filter}=true`;
}

async function showTasks() {
  const message = el('div', { role: 'alert', hidden: true });
  const list = el('div', { class: 'table-wrap' });
  const filters = el(
    'div',
    { class: 'filters', role: 'group', 'aria-label': t('clerk.filters.label') },
    FILTERS.map((f) =>
      el('button', {
        type: 'button', class: 'filter', id: `filter-${f}`, 'aria-pressed': String(f === filter),
        onclick: () => { filter = f; showTasks(); }
      }, t(`clerk.filters.${f}`))
    )
  );
  app.replaceChildren(el('h1', { tabindex: '-1' }, t('clerk.tasks.title')), openCaseForm(), filters, message, list);
  let page;
  try {
    page = await api(`/api/staff/tasks?size=100${filterQuery()}`);
  } catch (error) {
    announce(message, describeError(error), 'error');
    return;
  }
  if (!page.items.length) {
    list.replaceChildren(el('p', { id: 'no-tasks' }, t('clerk.tasks.empty')));
    return;
  }
  list.replaceChildren(
    el(
      'table',
      { id: 'task-table' },
      el('caption', { class: 'visually-hidden' }, t('clerk.tasks.caption', { count: page.total })),
      el('thead', {}, el('tr', {}, ['sla', 'reference', 'subject', 'task', 'department', 'priority', 'assignee', 'actions'].map((c) =>
        el('th', { scope: 'col' }, t(`clerk.tasks.col.${c}`))))),
      el('tbody', {}, page.items.map((task) => taskRow(task, message)))
    )
  );
}

function taskRow(task, message) {
  const sla = slaCountdown(task.slaDueAt);
  const claim = task.assignee
    ? null
    : el('button', {
        type: 'button', class: 'secondary', 'data-claim': String(task.taskKey),
        onclick: async () => {
          try {
            await api(`/api/staff/tasks/${task.taskKey}/claim`, { method: 'POST' });
            location.hash = `#/task/${task.taskKey}`;
          } catch (error) {
            announce(message, describeError(error), 'error');
          }
        }
      }, t('clerk.task.claim'), el('span', { class: 'visually-hidden' }, ` ${task.caseReference}`));
  return el(
    'tr',
    { 'data-task': String(task.taskKey), 'data-reference': task.caseReference },
    el('td', { class: `sla sla-${sla.state}` }, el('time', { datetime: task.slaDueAt || '' }, sla.text)),
    el('td', { class: 'code' }, task.caseReference),
    el('td', {}, task.subject),
    el('td', {}, task.name),
    el('td', {}, task.department || ''),
    el('td', {}, tOptional(`priority.${task.priority}`) || task.priority),
    el('td', {}, task.assignee || t('clerk.tasks.unassigned')),
    el('td', { class: 'actions' },
      el('a', { href: `#/task/${task.taskKey}` }, t('clerk.task.open'), el('span', { class: 'visually-hidden' }, ` ${task.caseReference}`)),
      claim)
  );
}

async function showTask(taskKey) {
  const message = el('div', { role: 'alert', hidden: true });
  app.replaceChildren(el('p', { class: 'back' }, el('a', { href: '#/' }, t('clerk.task.back'))), message);
  let task;
  let detail;
  try {
    task = await api(`/api/web/tasks/${encodeURIComponent(taskKey)}`);
    detail = await api(`/api/staff/cases/${encodeURIComponent(task.caseReference)}`);
  } catch (error) {
    app.append(el('h1', { tabindex: '-1' }, t('clerk.task.unavailable')));
    announce(message, describeError(error), 'error');
    app.querySelector('h1').focus();
    return;
  }
  const mine = task.assignee === me.username;
  const formHost = el('div', { class: 'form-host', id: 'task-form' });
  const actions = el('div', { class: 'button-row' });
  if (!task.assignee) {
    actions.append(el('button', {
      type: 'button', class: 'primary', id: 'claim-task',
      onclick: async () => {
        try {
          await api(`/api/staff/tasks/${task.taskKey}/claim`, { method: 'POST' });
          showTask(taskKey);
        } catch (error) {
          announce(message, describeError(error), 'error');
        }
      }
    }, t('clerk.task.claim')));
  } else if (!mine) {
    actions.append(el('p', {}, t('clerk.task.claimedBy', { user: task.assignee })));
  }
  const complete = el('button', { type: 'button', class: 'primary', id: 'complete-task', hidden: !mine }, t('clerk.task.complete'));
  actions.append(complete);
  app.append(
    el('h1', { tabindex: '-1' }, `${task.name} · ${task.caseReference}`),
    el(
      'div',
      { class: 'task-layout' },
      el('section', { class: 'task-main', 'aria-labelledby': 'task-form-title' },
        el('h2', { id: 'task-form-title' }, t('clerk.task.form')), formHost, actions),
      el('aside', { class: 'task-side', 'aria-label': t('clerk.case.label') }, caseDetails(detail),
        certificatePanel(detail.reference, message, () => showTask(taskKey)), caseTools(detail, message, () => showTask(taskKey)))
    )
  );
  app.querySelector('h1').focus();
  if (task.schema) {
    const form = await renderForm(formHost, JSON.parse(task.schema), task.variables);
    form.setProperty('readOnly', !mine);
    complete.addEventListener('click', async () => {
      const { data, errors } = form.submit();
      if (Object.keys(errors).length) {
        announce(message, t('clerk.task.formHasErrors'), 'error');
        return;
      }
      complete.disabled = true;
      try {
        await api(`/api/staff/tasks/${task.taskKey}/complete`, { method: 'POST', body: { variables: data } });
        location.hash = '#/';
        announce(document.getElementById('flash'), t('clerk.task.completed', { reference: task.caseReference }), 'success');
      } catch (error) {
        announce(message, describeError(error), 'error');
        complete.disabled = false;
      }
    });
  } else {
    formHost.append(el('p', {}, t('clerk.task.noForm')));
  }
}

function caseDetails(c) {
  const facts = [
    ['status', tOptional(`status.${c.status}`) || c.status],
    ['type', tOptional(`caseType.${c.type}`) || c.type],
    ['department', (c.departments || []).join(', ')],
    ['due', formatDateTime(c.slaDueAt)],
    ['contact', `${c.contactName} · ${c.contactPhone}`],
    ['language', noticeLanguage(c, (changed) => section.replaceWith(caseDetails(changed)))],
    ['location', [c.address, c.latitude != null ? `${c.latitude}, ${c.longitude}` : null].filter(Boolean).join(' · ')],
    ['description', c.description || '']
  ];
  const section = el(
    'section',
    { id: 'case-details', 'aria-labelledby': 'case-title' },
    el('h2', { id: 'case-title' }, c.subject),
    el('dl', { class: 'case-facts' }, facts.filter(([, v]) => v).map(([k, v]) => [el('dt', {}, t(`clerk.case.${k}`)), el('dd', {}, v)])),
    el('h3', {}, t('clerk.case.timeline')),
    el(
      'ol',
      { class: 'timeline', id: 'case-timeline' },
      [...(c.timeline || [])].reverse().map((e) =>
        el('li', {},
          el('time', { datetime: e.at }, formatDateTime(e.at)),
          el('span', { class: 'timeline-event' }, `${e.actor} · ${tOptional(`timeline.event.${e.event}`) || e.event}`),
          e.text ? el('p', {}, e.text) : null))
    )
  );
  return section;
}

/**
 * The language the citizen gets notices in (both when the case has none, docs/adr/0023) and a small
 * form to change it, e.g. when the citizen asks on the phone. The server's answer replaces the case
 * details (the change is on the timeline); a task form beside them keeps what the clerk typed.
 */
function noticeLanguage(c, onChanged) {
  const shown = el('strong', { id: 'case-language', 'data-language': c.language || '', tabindex: '-1' },
    c.language ? t(`clerk.language.${c.language}`) : t('clerk.language.unknown'));
  const problem = el('div', { role: 'alert', id: 'language-error', hidden: true });
  const choice = el('select', { id: 'language-choice', name: 'language', required: true, style: 'width: auto' },
    c.language ? null : el('option', { value: '' }, t('clerk.language.choose')),
    ['zh-CN', 'en'].map((tag) => el('option', { value: tag, selected: tag === c.language }, t(`clerk.language.${tag}`))));
  const form = el('form', { class: 'filters', id: 'language-form' },
    el('label', { for: 'language-choice', class: 'visually-hidden' }, t('clerk.language.label')),
    choice,
    el('button', { type: 'submit', class: 'secondary', id: 'change-language' }, t('clerk.language.change')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('#change-language');
    button.disabled = true;
    announce(problem, '');
    announce(document.getElementById('flash'), '');
    try {
      const changed = await api(`/api/staff/cases/${encodeURIComponent(c.reference)}/language`, {
        method: 'PUT',
        body: { language: choice.value }
      });
      onChanged(changed);
      announce(document.getElementById('flash'),
        t('clerk.language.changed', { reference: c.reference, language: t(`clerk.language.${changed.language}`) }), 'success');
      document.getElementById('case-language').focus();
    } catch (error) {
      announce(problem, describeError(error), 'error');
      button.disabled = false;
    }
  });
  return el('div', {}, shown, form, problem);
}

function caseTools(c, message, refresh) {
  const comment = el(
    'form',
    { class: 'stack panel', id: 'comment-form' },
    el('h3', {}, t('clerk.comment.title')),
    el('div', { class: 'field' }, el('label', { for: 'comment-text' }, t('clerk.comment.text')),
      el('textarea', { id: 'comment-text', name: 'text', required: true, rows: '3', maxlength: '4000' })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'comment-public', name: 'visibleToCitizen' }), ` ${t('clerk.comment.public')}`),
    el('button', { type: 'submit', class: 'secondary' }, t('clerk.comment.send'))
  );
  comment.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/staff/cases/${encodeURIComponent(c.reference)}/comments`, {
        method: 'POST',
        body: { text: comment.querySelector('#comment-text').value, visibleToCitizen: comment.querySelector('#comment-public').checked }
      });
      refresh();
    } catch (error) {
      announce(message, describeError(error), 'error');
    }
  });
  const departments = el('select', { id: 'transfer-to', name: 'toDepartment', required: true }, el('option', { value: '' }, t('clerk.transfer.choose')));
  api('/api/staff/departments').then((list) =>
    list.forEach((d) => departments.append(el('option', { value: d.code }, currentLang() === 'en' ? d.nameEn : d.nameZh))));
  const transfer = el(
    'form',
    { class: 'stack panel', id: 'transfer-form' },
    el('h3', {}, t('clerk.transfer.title')),
    el('div', { class: 'field' }, el('label', { for: 'transfer-to' }, t('clerk.transfer.to')), departments),
    el('div', { class: 'field' }, el('label', { for: 'transfer-reason' }, t('clerk.transfer.reason')),
      el('textarea', { id: 'transfer-reason', name: 'reason', required: true, rows: '2', maxlength: '1000' })),
    el('button', { type: 'submit', class: 'secondary' }, t('clerk.transfer.send'))
  );
  transfer.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/staff/cases/${encodeURIComponent(c.reference)}/transfer`, {
        method: 'POST',
        body: { toDepartment: departments.value, reason: transfer.querySelector('#transfer-reason').value }
      });
      location.hash = '#/';
    } catch (error) {
      announce(message, describeError(error), 'error');
    }
  });
  return el('div', {}, comment, transfer);
}

/** A small form that opens a case by its reference, e.g. to see its certificate. */
function openCaseForm() {
  const form = el(
    'form',
    { class: 'panel stack', id: 'open-case-form', role: 'search', 'aria-labelledby': 'open-case-title' },
    el('h2', { id: 'open-case-title', class: 'visually-hidden' }, t('certificate.staff.open.title')),
    el('div', { class: 'field' }, el('label', { for: 'open-case-reference' }, t('certificate.staff.open.reference')),
      el('input', { id: 'open-case-reference', name: 'reference', required: true, maxlength: '20', placeholder: 'YC-2026-000123', autocomplete: 'off' })),
    el('button', { type: 'submit', class: 'secondary' }, t('certificate.staff.open.send'))
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reference = form.querySelector('#open-case-reference').value.trim().toUpperCase();
    if (reference) {
      location.hash = `#/case/${encodeURIComponent(reference)}`;
    }
  });
  return form;
}

/** One case by its reference: its details and timeline, and its certificate if it has one. */
async function showCase(reference) {
  const message = el('div', { role: 'alert', hidden: true });
  app.replaceChildren(el('p', { class: 'back' }, el('a', { href: '#/' }, t('clerk.task.back'))), message);
  let detail;
  try {
    detail = await api(`/api/staff/cases/${encodeURIComponent(reference)}`);
  } catch (error) {
    app.append(el('h1', { tabindex: '-1' }, t('clerk.task.unavailable')));
    announce(message, describeError(error), 'error');
    app.querySelector('h1').focus();
    return;
  }
  app.append(
    el('h1', { tabindex: '-1' }, detail.reference),
    el('div', { class: 'task-layout' },
      el('section', { class: 'task-main', 'aria-label': t('clerk.case.label') }, caseDetails(detail)),
      el('aside', { class: 'task-side', 'aria-label': t('certificate.staff.title') },
        certificatePanel(detail.reference, message, () => showCase(reference))))
  );
  app.querySelector('h1').focus();
}

/**
 * The case's permit certificate (hidden when none was issued): number, status, validity, issuer,
 * and the revocation if there is one. Supervisors and admins revoke a standing certificate with a
 * reason, which anyone checking the certificate reads; the server checks the role and department.
 */
function certificatePanel(reference, message, refresh) {
  const panel = el('section', { class: 'panel stack', id: 'case-certificate', 'aria-labelledby': 'certificate-title', hidden: true });
  const path = `/api/staff/cases/${encodeURIComponent(reference)}/certificate`;
  api(path).then((c) => {
    const facts = [
      ['number', el('span', { class: 'code', id: 'certificate-number' }, c.certificateNumber)],
      ['status', el('strong', { id: 'certificate-status', 'data-status': c.status }, t(`certificate.status.${c.status}`))],
      ['issuedOn', el('time', { datetime: c.issuedOn }, formatDate(c.issuedOn))],
      ['validUntil', c.validUntil ? el('time', { id: 'certificate-valid-until', datetime: c.validUntil }, formatDate(c.validUntil)) : t('certificate.staff.noExpiry')],
      ['issuer', c.issuer],
      ['revokedOn', c.revokedOn ? el('time', { datetime: c.revokedOn }, formatDate(c.revokedOn)) : null],
      ['revokedBy', c.revokedBy],
      ['reason', c.revocationReason ? el('span', { id: 'certificate-revocation-reason' }, c.revocationReason) : null]
    ];
    panel.append(
      el('h3', { id: 'certificate-title' }, t('certificate.staff.title')),
      el('dl', { class: 'case-facts' }, facts.filter(([, v]) => v).map(([k, v]) => [el('dt', {}, t(`certificate.staff.${k}`)), el('dd', {}, v)]))
    );
    if (c.status !== 'REVOKED' && me.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN')) {
      panel.append(revokeForm(c, path, message, refresh));
    }
    panel.hidden = false;
  }).catch((error) => {
    if (!(error instanceof ApiError && error.status === 404)) {
      announce(message, describeError(error), 'error');
    }
  });
  return panel;
}

/** Revocation is final, so the form asks for the reason and an explicit tick before it sends. */
function revokeForm(c, path, message, refresh) {
  const form = el(
    'form',
    { class: 'stack', id: 'revoke-certificate-form' },
    el('h4', {}, t('certificate.staff.revoke.title')),
    el('div', { class: 'field' }, el('label', { for: 'revoke-reason' }, t('certificate.staff.revoke.reason')),
      el('textarea', { id: 'revoke-reason', name: 'reason', required: true, rows: '2', maxlength: '500' })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'revoke-confirm', required: true }),
      ` ${t('certificate.staff.revoke.confirm', { number: c.certificateNumber })}`),
    el('button', { type: 'submit', class: 'secondary', id: 'revoke-certificate' }, t('certificate.staff.revoke.send'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('#revoke-certificate');
    button.disabled = true;
    try {
      await api(`${path}/revocation`, { method: 'POST', body: { reason: form.querySelector('#revoke-reason').value } });
      await refresh();
      announce(document.getElementById('flash'), t('certificate.staff.revoke.done', { number: c.certificateNumber }), 'success');
    } catch (error) {
      announce(message, describeError(error), 'error');
      button.disabled = false;
    }
  });
  return form;
}

function route() {
  const [, page, arg] = (location.hash || '#/').split('/');
  if (page === 'task' && arg) {
    showTask(arg);
  } else if (page === 'case' && arg) {
    showCase(decodeURIComponent(arg));
  } else {
    showTasks();
  }
}

await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
document.getElementById('main').prepend(el('div', { id: 'flash', role: 'status', hidden: true }));
mountStaffSession({
  signInSection: document.getElementById('sign-in'),
  appSection: app,
  userLabel: document.getElementById('user-label'),
  signOutButton: document.getElementById('sign-out'),
  roles: ['CLERK', 'SUPERVISOR', 'ADMIN'],
  onSignedIn: async (who) => {
    me = who;
    window.addEventListener('hashchange', route);
    onLangChange(route);
    route();
  }
});
