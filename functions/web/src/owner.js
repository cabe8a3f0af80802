// The process-owner console: deployed models and versions, a version's diagram (bpmn-js) with the
// number of active instances on each element, the decision tables (dmn-js), and deploying a new
// version after the same lint Camunda Modeler runs (@camunda/linting, in the browser).
import './style.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import DmnViewer from 'dmn-js/lib/Viewer';
import { Linter } from '@camunda/linting';
import { announce, api, ApiError, describeError, el, fileToBase64, formatDateTime, initI18n, mountLangSwitch, mountStaffSession, onLangChange, t } from './common.js';

/** The decision tables shipped with the models (the engine does not serve decision XML). */
const DECISIONS = ['hotline-routing', 'approval-requirements', 'community-routing', 'maintenance-priority'];
const app = document.getElementById('app');
let bpmnViewer;
let dmnViewer;

async function show() {
  const message = el('div', { role: 'alert', hidden: true });
  const modelsHost = el('div', { class: 'table-wrap' });
  const diagramTitle = el('h2', { id: 'diagram-title' }, t('owner.diagram.title'));
  const diagram = el('div', { class: 'canvas', id: 'diagram' });
  const counts = el('div', { id: 'element-counts' });
  const decisionSelect = el('select', { id: 'decision-select' }, DECISIONS.map((d) => el('option', { value: d }, d)));
  const decision = el('div', { class: 'canvas dmn', id: 'decision' });
  app.replaceChildren(
    el('h1', { tabindex: '-1' }, t('owner.heading')),
    message,
    el('section', { class: 'panel', 'aria-labelledby': 'models-title' }, el('h2', { id: 'models-title' }, t('owner.models.title')), modelsHost),
    el('section', { class: 'panel', id: 'migration', hidden: true }),
    el('section', { class: 'panel', 'aria-labelledby': 'history-title' }, el('h2', { id: 'history-title' }, t('owner.history.title')), el('div', { id: 'migration-history' })),
    el('section', { class: 'panel', 'aria-labelledby': 'diagram-title' }, diagramTitle, el('p', { class: 'hint' }, t('owner.diagram.hint')), diagram, counts),
    el('section', { class: 'panel', 'aria-labelledby': 'decision-title' },
      el('h2', { id: 'decision-title' }, t('owner.decisions.title')),
      el('div', { class: 'field' }, el('label', { for: 'decision-select' }, t('owner.decisions.choose')), decisionSelect),
      decision),
    deployPanel(message)
  );
  app.querySelector('h1').focus();
  bpmnViewer?.destroy();
  dmnViewer?.destroy();
  bpmnViewer = new NavigatedViewer({ container: diagram });
  dmnViewer = new DmnViewer({ container: decision });
  const showDecision = async () => {
    const xml = await (await fetch(`/dmn/${decisionSelect.value}.dmn`)).text();
    await dmnViewer.importXML(xml);
    const table = dmnViewer.getViews().find((v) => v.type === 'decisionTable');
    if (table) {
      await dmnViewer.open(table);
    }
    // The table scrolls sideways on a phone: keyboard users must be able to reach and scroll it.
    decision.querySelectorAll('.tjs-table-container').forEach((region) => {
      region.setAttribute('tabindex', '0');
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', decisionSelect.value);
    });
  };
  decisionSelect.addEventListener('change', showDecision);
  showDecision();
  showHistory();
  let models;
  try {
    models = await api('/api/models');
  } catch (error) {
    announce(message, describeError(error), 'error');
    return;
  }
  const processes = models.filter((m) => m.activeInstances >= 0);
  const latest = new Map();
  processes.forEach((m) => {
    if (!latest.has(m.id) || latest.get(m.id).version < m.version) {
      latest.set(m.id, m);
    }
  });
  const migrateButton = (m) => {
    const target = latest.get(m.id);
    if (m.activeInstances <= 0 || !target || target.version <= m.version) {
      return null;
    }
    return el('button', { type: 'button', class: 'secondary', 'data-migrate': String(m.key), onclick: (event) => showMigrationPlan(m, target, event.currentTarget) },
      t('owner.migrate.button', { version: target.version }), el('span', { class: 'visually-hidden' }, ` (${m.id} v${m.version})`));
  };
  modelsHost.replaceChildren(
    el('table', { id: 'model-table' },
      el('thead', {}, el('tr', {}, ['id', 'version', 'name', 'active', 'actions'].map((c) => el('th', { scope: 'col' }, t(`owner.models.${c}`))))),
      el('tbody', {}, models.map((m) => el('tr', { 'data-model': m.id, 'data-version': String(m.version) },
        el('td', { class: 'code' }, m.id), el('td', {}, String(m.version)), el('td', {}, m.name || m.resourceName || ''),
        el('td', {}, m.activeInstances >= 0 ? String(m.activeInstances) : '–'),
        el('td', { class: 'actions' }, m.activeInstances >= 0
          ? el('button', { type: 'button', class: 'secondary', 'data-show': String(m.key), onclick: () => showDiagram(m, diagramTitle, counts, message) },
              t('owner.models.show'), el('span', { class: 'visually-hidden' }, ` ${m.id} v${m.version}`))
          : '', m.activeInstances >= 0 ? migrateButton(m) : null))))));
  if (processes.length) {
    showDiagram(processes[0], diagramTitle, counts, message);
  }
}

async function showDiagram(model, title, countsHost, message) {
  try {
    await bpmnViewer.importXML(await api(`/api/models/${model.key}/xml`, { text: true }));
  } catch (error) {
    announce(message, describeError(error), 'error');
    return;
  }
  bpmnViewer.get('canvas').zoom('fit-viewport');
  title.textContent = t('owner.diagram.of', { id: model.id, version: model.version });
  const overlays = bpmnViewer.get('overlays');
  const registry = bpmnViewer.get('elementRegistry');
  overlays.clear();
  let live;
  try {
    live = await api(`/api/web/models/${model.key}/element-counts`);
  } catch (error) {
    // The diagram is still worth seeing when the engine cannot count right now.
    countsHost.replaceChildren(el('p', { class: 'message message-error' }, t('owner.diagram.countsUnavailable', { error: describeError(error) })));
    return;
  }
  const active = live.elements.filter((e) => e.active > 0 && registry.get(e.elementId));
  active.forEach((e) => {
    overlays.add(e.elementId, 'active-count', {
      position: { bottom: 8, right: 8 },
      html: `<span class="count-badge" data-element="${e.elementId}">${e.active}</span>`
    });
  });
  countsHost.replaceChildren(
    active.length
      ? el('ul', { class: 'count-list' }, active.map((e) => el('li', { 'data-element': e.elementId },
          t('owner.diagram.count', { element: registry.get(e.elementId).businessObject.name || e.elementId, count: e.active }))))
      : el('p', {}, t('owner.diagram.none'))
  );
}

/**
 * Moving the running cases of a version to the newest one (ADR 0020): the plan first (which
 * waiting elements move, which stay and why), then, once confirmed, batches of at most the
 * server's batch size until none is left, then each instance's outcome. Every element cases wait
 * in offers the target version's elements of its type: one with a counterpart of the same id maps
 * to it unless the owner chooses another (a reused id whose step changed meaning), one without
 * (renamed, or changed type) stays until the owner maps it. Each choice asks for the plan again
 * with the owner's mappings, which the run then uses.
 */
async function showMigrationPlan(source, target, opener) {
  const panel = document.getElementById('migration');
  const title = el('h2', { id: 'migration-title', tabindex: '-1' }, t('owner.migrate.planTitle', { id: source.id, from: source.version, to: target.version }));
  const status = el('div', { id: 'migration-status', role: 'status', 'aria-live': 'polite' });
  const error = el('div', { role: 'alert', hidden: true });
  panel.hidden = false;
  panel.setAttribute('aria-labelledby', 'migration-title');
  panel.replaceChildren(title, status, error);
  title.focus();
  const close = () => {
    panel.hidden = true;
    panel.replaceChildren();
    opener?.focus();
  };
  let plan;
  try {
    plan = await api(`/api/models/${source.key}/migration-plan`, { method: 'POST', body: { targetKey: target.key } });
  } catch (failure) {
    announce(error, describeError(failure), 'error');
    panel.append(el('button', { type: 'button', class: 'secondary', onclick: close }, t('owner.migrate.close')));
    return;
  }
  // The owner's choices, source element id to target element id, in the order they were made.
  const mappings = new Map();
  // null when the target's elements could not be read: then nothing can be chosen.
  let candidates = null;
  if (plan.activeElements.length) {
    try {
      candidates = (await api(`/api/models/${target.key}/elements`)).elements;
    } catch (failure) {
      announce(error, t('owner.migrate.elementsUnavailable', { error: describeError(failure) }), 'error');
    }
  }
  const body = el('div', {});
  const confirm = el('button', { type: 'button', class: 'primary', id: 'migration-confirm' });
  const cancel = el('button', { type: 'button', class: 'secondary', id: 'migration-cancel', onclick: close }, t('owner.migrate.cancel'));
  // append() would write a null out as the text "null".
  panel.append(...[
    plan.complete ? null : el('p', { class: 'hint' }, t('owner.migrate.incomplete')),
    candidates?.length ? el('p', { class: 'hint', id: 'migration-map-hint' }, t('owner.migrate.mapHint')) : null,
    body,
    el('p', { class: 'hint' }, t('owner.migrate.hint')),
    el('div', { class: 'actions' }, confirm, cancel)].filter(Boolean));

  let asked = 0;
  const replan = async (focusId) => {
    const ask = ++asked;
    const request = { targetKey: target.key, mappings: mappingList(mappings) };
    // Until the server has answered, the choices on screen are not a plan that can be run.
    confirm.disabled = true;
    try {
      const answer = await api(`/api/models/${source.key}/migration-plan`, { method: 'POST', body: request });
      if (ask === asked) {
        announce(error, '');
        render(answer, null, focusId);
      }
    } catch (failure) {
      if (ask !== asked) {
        return;
      }
      const refused = refusedMapping(failure, request.mappings);
      if (refused) {
        render(plan, refused, focusId);
      } else {
        announce(error, describeError(failure), 'error');
      }
    }
  };
  const choose = (elementId, targetId) => {
    if (targetId) {
      mappings.set(elementId, targetId);
    } else {
      mappings.delete(elementId);
    }
    replan(`map-${elementId}`);
  };

  function render(current, refused, focusId) {
    plan = current;
    status.textContent = refused
      ? t('owner.migrate.mappingRefused')
      : t('owner.migrate.summary', { count: plan.runningInstances, migratable: plan.migratable, blocked: plan.blocked, from: source.version });
    const rows = plan.activeElements.map((e) => {
      const mappable = Boolean(e.type) && candidates !== null;
      const problem = refused?.elementId === e.elementId ? refused.detail : null;
      return el('tr', { 'data-element': e.elementId, 'data-mapped': String(e.mapped), 'data-target': e.targetElementId || null },
        el('td', {}, e.name ? `${e.name} (${e.elementId})` : e.elementId),
        el('td', {}, String(e.instances)),
        el('td', { class: 'migration-target' },
          mappable ? mappingField(e, candidates, mappings.get(e.elementId), problem, choose) : el('span', { class: 'code' }, e.targetElementId || '–'),
          planNotes(e)),
        el('td', { class: e.mapped ? 'migration-ok' : 'migration-blocked' }, e.mapped ? t('owner.migrate.mapped') : t('owner.migrate.unmapped', { problem: e.problem })));
    });
    const table = el('table', { id: 'migration-plan' },
      el('caption', { class: 'visually-hidden' }, t('owner.migrate.planCaption')),
      el('thead', {}, el('tr', {}, ['element', 'instances', 'target', 'status'].map((c) => el('th', { scope: 'col' }, t(`owner.migrate.${c}`))))),
      el('tbody', {}, rows));
    // The choices make the table wider than a phone: the region scrolls, so keyboard users must be
    // able to reach it even when its selects are disabled (during and after a run).
    body.replaceChildren(plan.activeElements.length
      ? el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('owner.migrate.planCaption') }, table)
      : el('p', {}, t('owner.migrate.nothing')));
    // A refused mapping is not sent: the owner changes or clears it first.
    confirm.disabled = Boolean(refused) || plan.migratable === 0;
    confirm.textContent = t('owner.migrate.confirm', { count: plan.migratable, version: target.version });
    if (focusId) {
      document.getElementById(focusId)?.focus();
    }
  }

  render(plan, null, null);
  confirm.addEventListener('click', () => runMigration(source, target, mappingList(mappings), panel, status, error, [confirm, cancel, ...panel.querySelectorAll('select')]));
}

/**
 * What moving the cases of one row keeps or changes, from the plan (the server's words are in
 * `warnings`; these are the same facts in the page's language): a moved user task keeps the form
 * and candidate groups it was created with until it completes (the engine moves it, ADR 0020),
 * and boundary timers and subscriptions that do not carry over close or open afresh.
 */
function planNotes(e) {
  const notes = [];
  const kept = e.keptTask;
  if (kept) {
    notes.push(el('li', { 'data-note': 'kept-task', 'data-form': kept.formId || null },
      kept.formId
        ? t('owner.migrate.keepsForm', { form: kept.formId, version: kept.sourceVersion })
        : t('owner.migrate.keepsNoForm', { version: kept.sourceVersion })));
  }
  (e.boundaryEvents || []).forEach((b) => {
    const event = b.name && b.name !== b.elementId ? `${b.name} (${b.elementId})` : b.elementId;
    notes.push(el('li', { 'data-note': 'event', 'data-event': b.elementId, 'data-change': b.change },
      t(b.change === 'CLOSES' ? 'owner.migrate.eventCloses' : 'owner.migrate.eventStarts', { kind: t(`owner.migrate.eventKinds.${b.kind}`), event })));
  });
  return notes.length ? el('ul', { class: 'migration-notes', 'data-notes': e.elementId }, notes) : null;
}

function mappingList(mappings) {
  return [...mappings].map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
}

/**
 * The mapping a refused plan names ("mappings[1].targetElementId"), with the API's detail; null
 * when the refusal is about something else.
 */
function refusedMapping(failure, sent) {
  if (!(failure instanceof ApiError) || failure.status >= 500) {
    return null;
  }
  const named = [{ field: failure.field, message: failure.message }, ...failure.errors]
    .map((e) => ({ match: /^mappings\[(\d+)\]/.exec(e.field || ''), detail: e.message }))
    .find((e) => e.match && sent[Number(e.match[1])]);
  return named ? { elementId: sent[Number(named.match[1])].sourceElementId, detail: named.detail } : null;
}

/**
 * The choice of where cases waiting in one element continue: the target's elements of its type.
 * The first option sends no mapping: the element of the same id and type when the target has one
 * (the server's default, shown as automatic), else none.
 */
function mappingField(element, candidates, chosen, problem, choose) {
  const id = `map-${element.elementId}`;
  const compatible = candidates.filter((c) => c.type === element.type);
  const automatic = compatible.find((c) => c.id === element.elementId);
  if (automatic && compatible.length === 1 && !chosen) {
    // Nothing else to choose: a list of one would only ask the owner a question without answers.
    return el('span', { 'data-automatic': automatic.id }, t('owner.migrate.automatic', { element: optionText(automatic) }));
  }
  const label = el('label', { for: id, class: 'visually-hidden' }, t('owner.migrate.mapLabel', { element: element.name || element.elementId }));
  const problemId = `${id}-problem`;
  const select = el('select', { id, 'data-map': element.elementId, 'data-automatic': automatic ? automatic.id : null, 'aria-describedby': problem ? problemId : null, 'aria-invalid': problem ? 'true' : null },
    el('option', { value: '' }, automatic ? t('owner.migrate.automatic', { element: optionText(automatic) }) : t('owner.migrate.notMapped')),
    compatible.filter((c) => c !== automatic).map((c) => el('option', { value: c.id, selected: c.id === chosen }, optionText(c))));
  if (chosen && !compatible.some((c) => c.id === chosen)) {
    // Kept visible so that the owner sees what the refusal is about and can clear it.
    select.append(el('option', { value: chosen, selected: true }, chosen));
  }
  select.addEventListener('change', () => choose(element.elementId, select.value));
  return el('div', { class: 'field' },
    label, select,
    compatible.length ? null : el('p', { class: 'hint' }, t('owner.migrate.noCandidates', { type: element.type })),
    problem ? el('p', { id: problemId, class: 'message message-error', 'data-problem': element.elementId }, problem) : null);
}

function optionText(c) {
  const named = c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id;
  return c.scopeId ? t('owner.migrate.optionInScope', { element: named, scope: c.scopeId }) : named;
}

async function runMigration(source, target, mappings, panel, status, error, controls) {
  controls.forEach((b) => { b.disabled = true; });
  const results = [];
  const totals = { migrated: 0, refused: 0, failed: 0, skipped: 0 };
  let after = null;
  try {
    for (;;) {
      status.textContent = t('owner.migrate.running', { done: results.length });
      const batch = await api(`/api/models/${source.key}/migrations`, { method: 'POST', body: { targetKey: target.key, mappings, afterInstanceKey: after } });
      results.push(...batch.results);
      Object.keys(totals).forEach((k) => { totals[k] += batch.totals[k]; });
      if (!batch.remaining || batch.nextAfterInstanceKey == null) {
        break;
      }
      after = batch.nextAfterInstanceKey;
    }
  } catch (failure) {
    announce(error, describeError(failure), 'error');
  }
  status.textContent = '';
  const heading = el('h3', { id: 'migration-done', tabindex: '-1' }, t('owner.migrate.done', { ...totals, to: target.version }));
  panel.append(...[
    heading,
    mappings.length
      ? el('p', { id: 'migration-mappings' }, t('owner.migrate.mappingsUsed', { list: mappings.map((m) => `${m.sourceElementId} → ${m.targetElementId}`).join(', ') }))
      : null,
    el('div', { class: 'table-wrap' }, el('table', { id: 'migration-results' },
      el('caption', { class: 'visually-hidden' }, t('owner.migrate.resultsCaption')),
      el('thead', {}, el('tr', {}, ['case', 'instance', 'outcome', 'reason'].map((c) => el('th', { scope: 'col' }, t(`owner.migrate.${c}`))))),
      el('tbody', {}, results.map((r) => el('tr', { 'data-instance': String(r.processInstanceKey), 'data-outcome': r.outcome },
        el('td', {}, r.caseReference || '–'),
        el('td', { class: 'code' }, String(r.processInstanceKey)),
        el('td', {}, t(`owner.migrate.outcomes.${r.outcome}`)),
        el('td', {}, r.reason || '')))))),
    el('button', { type: 'button', class: 'secondary', id: 'migration-refresh', onclick: () => show() }, t('owner.migrate.refresh'))].filter(Boolean));
  heading.focus();
  showHistory();
}

/** The latest migration batches from the audit, with the mappings the owner chose for them. */
async function showHistory() {
  const host = document.getElementById('migration-history');
  if (!host) {
    return;
  }
  let batches;
  try {
    batches = await api('/api/models/migrations?limit=10');
  } catch (error) {
    host.replaceChildren(el('p', { class: 'message message-error' }, t('owner.history.unavailable', { error: describeError(error) })));
    return;
  }
  if (!batches.length) {
    host.replaceChildren(el('p', {}, t('owner.history.none')));
    return;
  }
  host.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'migration-history-table' },
    el('caption', { class: 'visually-hidden' }, t('owner.history.caption')),
    el('thead', {}, el('tr', {}, ['when', 'by', 'versions', 'mappings', 'totals'].map((c) => el('th', { scope: 'col' }, t(`owner.history.${c}`))))),
    el('tbody', {}, batches.map((b) => {
      // Same-id mappings are the default; the ones that name another element are the owner's.
      const renamed = b.mappings.filter((m) => m.sourceElementId !== m.targetElementId);
      return el('tr', { 'data-migration': b.id },
        el('td', {}, formatDateTime(b.ranAt)),
        el('td', {}, b.ranBy),
        el('td', {}, t('owner.history.fromTo', { id: b.source.processId, from: b.source.version, to: b.target.version })),
        el('td', { class: 'code' }, renamed.length
          ? el('ul', {}, renamed.map((m) => el('li', { 'data-source': m.sourceElementId }, `${m.sourceElementId} → ${m.targetElementId}`)))
          : t('owner.history.sameIds')),
        el('td', {}, t('owner.history.counts', b.totals)));
    })))));
}

function deployPanel(message) {
  const file = el('input', { type: 'file', id: 'deploy-file', accept: '.bpmn,.dmn,.form' });
  const results = el('div', { id: 'lint-result', 'aria-live': 'polite' });
  const deploy = el('button', { type: 'button', class: 'primary', id: 'deploy-button', disabled: true }, t('owner.deploy.deploy'));
  const linter = new Linter({ modeler: 'desktop', type: 'cloud' });
  let pending;
  file.addEventListener('change', async () => {
    deploy.disabled = true;
    pending = file.files[0];
    if (!pending) {
      results.replaceChildren();
      return;
    }
    const text = await pending.text();
    if (!pending.name.endsWith('.bpmn')) {
      results.replaceChildren(el('p', {}, t('owner.deploy.notBpmn')));
      deploy.disabled = false;
      return;
    }
    let findings;
    try {
      findings = await linter.lint(text);
    } catch (error) {
      results.replaceChildren(el('p', { class: 'message message-error' }, t('owner.deploy.unreadable', { error: error.message })));
      return;
    }
    const blocking = findings.filter((f) => f.category === 'error' || f.rule === 'no-bpmndi');
    results.replaceChildren(
      el('p', { id: 'lint-summary', class: blocking.length ? 'message message-error' : 'message message-success' },
        blocking.length ? t('owner.deploy.blocked', { count: blocking.length }) : t('owner.deploy.clean', { count: findings.length })),
      findings.length
        ? el('ul', { class: 'lint-list' }, findings.map((f) => el('li', { 'data-category': f.category }, `${f.category} · ${f.rule} · ${f.id}: ${f.message}`)))
        : null
    );
    deploy.disabled = blocking.length > 0;
  });
  deploy.addEventListener('click', async () => {
    deploy.disabled = true;
    try {
      const deployed = await api('/api/models', { method: 'POST', body: { fileName: pending.name, contentBase64: await fileToBase64(pending) } });
      await show();
      announce(app.querySelector('[role="alert"]'), t('owner.deploy.done', { list: deployed.map((d) => `${d.id} v${d.version}`).join(', ') }), 'success');
    } catch (error) {
      announce(message, describeError(error), 'error');
      deploy.disabled = false;
    }
  });
  return el('section', { class: 'panel', 'aria-labelledby': 'deploy-title' },
    el('h2', { id: 'deploy-title' }, t('owner.deploy.title')),
    el('p', { class: 'hint' }, t('owner.deploy.hint')),
    el('div', { class: 'field' }, el('label', { for: 'deploy-file' }, t('owner.deploy.file')), file),
    results, deploy);
}

await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
mountStaffSession({
  signInSection: document.getElementById('sign-in'),
  appSection: app,
  userLabel: document.getElementById('user-label'),
  signOutButton: document.getElementById('sign-out'),
  roles: ['PROCESS_OWNER', 'ADMIN'],
  onSignedIn: async () => {
    onLangChange(show);
    await show();
  }
});
