// The clerk workspace: task list with queue / mine / overdue / due-soon filters and an SLA countdown,
// claim, the task's form (form-js) with the case and its timeline beside it, transfer and comment.
// Everything is a native link, button or form control, so the keyboard alone works.
import './style.css';
import {
  announce, api, currentLang, describeError, el, formatDateTime, initI18n, mountLangSwitch, mountStaffSession, onLangChange,
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
  app.replaceChildren(el('h1', { tabindex: '-1' }, t('clerk.tasks.title')), filters, message, list);
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
      el('aside', { class: 'task-side', 'aria-label': t('clerk.case.label') }, caseDetails(detail), caseTools(detail, message, () => showTask(taskKey)))
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
    ['location', [c.address, c.latitude != null ? `${c.latitude}, ${c.longitude}` : null].filter(Boolean).join(' · ')],
    ['description', c.description || '']
  ];
  return el(
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

function route() {
  const [, page, arg] = (location.hash || '#/').split('/');
  if (page === 'task' && arg) {
    showTask(arg);
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
