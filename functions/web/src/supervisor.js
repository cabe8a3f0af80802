// The supervisor dashboard: overdue and at-risk cases per department, SLA compliance and its weekly
// trend, drawn with Chart.js; each chart has the same figures as a table beside it.
import './style.css';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { announce, api, describeError, el, initI18n, mountLangSwitch, mountStaffSession, onLangChange, t } from './common.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
const app = document.getElementById('app');
const charts = [];
let me;

function percent(rate) {
  return `${Math.round(rate * 1000) / 10}%`;
}

function perDepartment(dashboard, departments) {
  const rows = new Map();
  const row = (d) => {
    if (!rows.has(d)) {
      rows.set(d, { department: d, open: 0, overdue: 0, atRisk: 0 });
    }
    return rows.get(d);
  };
  // Every department of the supervisor has a row, also those with nothing open.
  departments.forEach(row);
  dashboard.counts
    .filter((c) => !['RESOLVED', 'CLOSED', 'REJECTED', 'CANCELLED'].includes(c.status))
    .forEach((c) => { row(c.department).open += c.count; });
  dashboard.overdue.forEach((c) => { row(c.department).overdue += 1; });
  dashboard.atRisk.forEach((c) => { row(c.department).atRisk += 1; });
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || a.department.localeCompare(b.department));
}

async function show() {
  const message = el('div', { role: 'alert', hidden: true });
  app.replaceChildren(el('h1', { tabindex: '-1' }, t('supervisor.heading')), message);
  let dashboard;
  let trend;
  try {
    [dashboard, trend] = await Promise.all([api('/api/supervisor/dashboard?limit=500'), api('/api/web/supervisor/compliance-trend?weeks=8')]);
  } catch (error) {
    announce(message, describeError(error), 'error');
    return;
  }
  const departments = perDepartment(dashboard, me.departments);
  const deptCanvas = el('canvas', { id: 'department-chart', role: 'img', 'aria-label': t('supervisor.chart.departments') });
  const trendCanvas = el('canvas', { id: 'trend-chart', role: 'img', 'aria-label': t('supervisor.chart.trend') });
  app.append(
    el('dl', { class: 'kpis', id: 'kpis' },
      el('div', {}, el('dt', {}, t('supervisor.kpi.compliance')), el('dd', { id: 'kpi-compliance' }, percent(dashboard.complianceRate))),
      el('div', {}, el('dt', {}, t('supervisor.kpi.onTime')), el('dd', {}, String(dashboard.resolvedOnTime))),
      el('div', {}, el('dt', {}, t('supervisor.kpi.late')), el('dd', {}, String(dashboard.resolvedLate))),
      el('div', {}, el('dt', {}, t('supervisor.kpi.openOverdue')), el('dd', { id: 'kpi-overdue' }, String(dashboard.openOverdue)))),
    el('section', { class: 'dash-grid' },
      el('div', { class: 'panel' },
        el('h2', { id: 'departments-title' }, t('supervisor.departments.title')),
        el('div', { class: 'chart-box' }, deptCanvas),
        // On a phone the table scrolls sideways in its box: keyboard users must be able to reach it.
        el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'departments-title' }, el('table', { id: 'department-table' },
          el('thead', {}, el('tr', {}, ['department', 'open', 'overdue', 'atRisk'].map((c) => el('th', { scope: 'col' }, t(`supervisor.departments.${c}`))))),
          el('tbody', {}, departments.map((d) => el('tr', { 'data-department': d.department },
            el('th', { scope: 'row' }, d.department), el('td', {}, String(d.open)),
            el('td', { class: d.overdue ? 'sla-overdue' : '' }, String(d.overdue)), el('td', {}, String(d.atRisk)))))))),
      el('div', { class: 'panel' },
        el('h2', { id: 'trend-title' }, t('supervisor.trend.title')),
        el('div', { class: 'chart-box' }, trendCanvas),
        el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'trend-title' }, el('table', { id: 'trend-table' },
          el('thead', {}, el('tr', {}, ['week', 'onTime', 'late', 'rate'].map((c) => el('th', { scope: 'col' }, t(`supervisor.trend.${c}`))))),
          el('tbody', {}, trend.weeks.map((w) => el('tr', {},
            el('th', { scope: 'row' }, w.weekStarting), el('td', {}, String(w.resolvedOnTime)), el('td', {}, String(w.resolvedLate)),
            el('td', {}, w.rate == null ? '–' : percent(w.rate))))))))),
  );
  charts.splice(0).forEach((c) => c.destroy());
  charts.push(
    new Chart(deptCanvas, {
      type: 'bar',
      data: {
        labels: departments.map((d) => d.department),
        datasets: [
          { label: t('supervisor.departments.overdue'), data: departments.map((d) => d.overdue), backgroundColor: '#b3261e' },
          { label: t('supervisor.departments.atRisk'), data: departments.map((d) => d.atRisk), backgroundColor: '#a15c00' }
        ]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    }),
    new Chart(trendCanvas, {
      type: 'line',
      data: {
        labels: trend.weeks.map((w) => w.weekStarting),
        datasets: [{ label: t('supervisor.trend.rate'), data: trend.weeks.map((w) => (w.rate == null ? null : Math.round(w.rate * 1000) / 10)), borderColor: '#0b5cad', backgroundColor: '#0b5cad', spanGaps: true }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100 } } }
    })
  );
  app.querySelector('h1').focus();
}

await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
mountStaffSession({
  signInSection: document.getElementById('sign-in'),
  appSection: app,
  userLabel: document.getElementById('user-label'),
  signOutButton: document.getElementById('sign-out'),
  roles: ['SUPERVISOR', 'ADMIN'],
  onSignedIn: async (who) => {
    me = who;
    onLangChange(show);
    await show();
  }
});
