// The citizen portal (mobile first): choose a service, fill its start form, get the reference and
// tracking code; track a case, answer a request for documents, rate the outcome.
import './style.css';
import {
  announce, api, currentLang, describeError, el, formatDate, formatDateTime, initI18n,
  mountLangSwitch, onLangChange, t, tOptional
} from './common.js';
import { filePickerKeys, renderForm } from './forms.js';

/** The services a citizen can start, each with its start form in forms/. */
const SERVICES = [
  { id: 'hotline', type: 'HOTLINE_TICKET', form: 'hotline-ticket-start', photo: true },
  { id: 'approval', type: 'APPROVAL_APPLICATION', form: 'smartphone-approval-start', photo: false },
  { id: 'community', type: 'COMMUNITY_SERVICE_REQUEST', form: 'community-service-request-start', photo: true }
];
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const main = document.getElementById('main');
const TRACK_KEY = 'cityflow.tracking';

function heading(key, params) {
  return el('h1', { tabindex: '-1' }, t(key, params));
}

function focusHeading() {
  main.querySelector('h1')?.focus();
}

function showServices() {
  main.replaceChildren(
    heading('citizen.services.title'),
    el('p', {}, t('citizen.services.intro')),
    el(
      'ul',
      { class: 'service-list' },
      SERVICES.map((s) =>
        el(
          'li',
          {},
          el(
            'a',
            { class: 'service-card', href: `#/new/${s.id}`, id: `service-${s.id}` },
            el('span', { class: 'service-name' }, t(`citizen.services.${s.id}.name`)),
            el('span', { class: 'service-hint' }, t(`citizen.services.${s.id}.hint`))
          )
        )
      )
    )
  );
}

function fileInput(id, labelKey, hintKey, accept) {
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, t(labelKey)),
    el('p', { class: 'hint', id: `${id}-hint` }, t(hintKey)),
    el('input', { type: 'file', id, name: id, accept, multiple: true, 'aria-describedby': `${id}-hint` })
  );
}

function checkFiles(files) {
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      throw new Error(t('citizen.files.tooLarge', { name: file.name }));
    }
  }
}

/** A multipart body: the text fields, then every file as an `attachments` part. */
function withFiles(fields, files) {
  const body = new FormData();
  Object.entries(fields).forEach(([name, value]) => body.append(name, value));
  files.forEach((file) => body.append('attachments', file, file.name));
  return body;
}

async function showNewCase(serviceId) {
  const service = SERVICES.find((s) => s.id === serviceId);
  if (!service) {
    showServices();
    return;
  }
  const formHost = el('div', { class: 'form-host' });
  const message = el('div', { role: 'alert', hidden: true });
  const latitude = el('input', { id: 'latitude', name: 'latitude', type: 'number', step: 'any', min: '-90', max: '90', inputmode: 'decimal' });
  const longitude = el('input', { id: 'longitude', name: 'longitude', type: 'number', step: 'any', min: '-180', max: '180', inputmode: 'decimal' });
  const locate = el('button', { type: 'button', class: 'secondary' }, t('citizen.location.useMine'));
  const photos = service.photo ? fileInput('photos', 'citizen.files.photo', 'citizen.files.hint', 'image/png,image/jpeg,application/pdf') : null;
  const submit = el('button', { type: 'button', id: 'submit-case', class: 'primary' }, t('citizen.submit'));
  // replaceChildren() would write a missing part (null) as the text "null".
  const parts = [
    heading(`citizen.services.${service.id}.name`),
    formHost,
    el(
      'fieldset',
      { class: 'location' },
      el('legend', {}, t('citizen.location.title')),
      el('p', { class: 'hint' }, t('citizen.location.hint')),
      el('div', { class: 'coords' },
        el('div', { class: 'field' }, el('label', { for: 'latitude' }, t('citizen.location.latitude')), latitude),
        el('div', { class: 'field' }, el('label', { for: 'longitude' }, t('citizen.location.longitude')), longitude)),
      locate
    ),
    photos,
    message,
    submit
  ];
  main.replaceChildren(...parts.filter(Boolean));
  focusHeading();
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) {
      announce(message, t('citizen.location.unavailable'), 'error');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
      },
      () => announce(message, t('citizen.location.unavailable'), 'error')
    );
  });
  let schema;
  try {
    schema = await (await fetch(`/forms/${service.form}.json`)).json();
  } catch (error) {
    announce(message, describeError(error), 'error');
    return;
  }
  const form = await renderForm(formHost, schema);
  // One key per attempt: a retry after a lost answer returns the same case instead of a second one.
  let idempotencyKey = crypto.randomUUID();
  form.on('changed', () => {
    idempotencyKey = crypto.randomUUID();
  });
  submit.addEventListener('click', async () => {
    announce(message, '');
    const { data, errors, files } = form.submit();
    if (Object.keys(errors).length) {
      announce(message, t('citizen.formHasErrors'), 'error');
      formHost.querySelector('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus();
      return;
    }
    submit.disabled = true;
    try {
      const attachments = [];
      const formData = { ...data };
      for (const key of filePickerKeys(schema)) {
        attachments.push(...(files.get(formData[key]) || []));
        delete formData[key];
      }
      if (photos) {
        attachments.push(...photos.querySelector('input').files);
      }
      checkFiles(attachments);
      const hasCoords = latitude.value !== '' && longitude.value !== '';
      const body = {
        type: service.type,
        channel: 'WEB',
        contact: { name: data.contactName, phone: data.contactPhone },
        subject: data.subject,
        description: data.description,
        category: data.category,
        location: data.address
          ? {
              address: [data.district, data.community, data.address].filter(Boolean).join(', '),
              latitude: hasCoords ? Number(latitude.value) : undefined,
              longitude: hasCoords ? Number(longitude.value) : undefined
            }
          : undefined,
        formData,
        // Notices about the case come in the language of the page (ADR 0023).
        language: currentLang()
      };
      const receipt = await api('/api/cases', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
        ...(attachments.length ? { multipart: withFiles({ case: JSON.stringify(body) }, attachments) } : { body })
      });
      remember(receipt.reference, receipt.trackingCode);
      showReceipt(receipt);
    } catch (error) {
      announce(message, error.status ? describeError(error) : error.message, 'error');
      submit.disabled = false;
    }
  });
}

function remember(reference, trackingCode) {
  sessionStorage.setItem(TRACK_KEY, JSON.stringify({ reference, trackingCode }));
}

function showReceipt(receipt) {
  main.replaceChildren(
    heading('citizen.receipt.title'),
    el('p', {}, t('citizen.receipt.keep')),
    el(
      'dl',
      { class: 'receipt' },
      el('dt', {}, t('citizen.receipt.reference')),
      el('dd', { id: 'receipt-reference', class: 'code' }, receipt.reference),
      el('dt', {}, t('citizen.receipt.trackingCode')),
      el('dd', { id: 'receipt-tracking-code', class: 'code' }, receipt.trackingCode),
      el('dt', {}, t('citizen.track.expected')),
      el('dd', {}, formatDate(receipt.expectedDate))
    ),
    el('a', { class: 'button primary', href: `#/track/${encodeURIComponent(receipt.reference)}`, id: 'open-tracking' }, t('citizen.receipt.track'))
  );
  focusHeading();
}

function showTrackLookup(prefill = {}) {
  const message = el('div', { role: 'alert', hidden: true });
  const form = el(
    'form',
    { class: 'stack', id: 'track-form' },
    el('div', { class: 'field' }, el('label', { for: 'track-reference' }, t('citizen.receipt.reference')),
      el('input', { id: 'track-reference', name: 'reference', required: true, autocomplete: 'off', value: prefill.reference || '' })),
    el('div', { class: 'field' }, el('label', { for: 'track-code' }, t('citizen.receipt.trackingCode')),
      el('input', { id: 'track-code', name: 'code', required: true, autocomplete: 'off', value: prefill.trackingCode || '' })),
    message,
    el('button', { type: 'submit', class: 'primary' }, t('citizen.track.show'))
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    remember(String(data.get('reference')).trim(), String(data.get('code')).trim());
    location.hash = `#/track/${encodeURIComponent(String(data.get('reference')).trim())}`;
  });
  main.replaceChildren(heading('citizen.track.title'), form);
  focusHeading();
}

function stored(reference) {
  const saved = JSON.parse(sessionStorage.getItem(TRACK_KEY) || 'null');
  return saved && saved.reference === reference ? saved.trackingCode : null;
}

async function showCase(reference) {
  const code = stored(reference);
  if (!code) {
    showTrackLookup({ reference });
    return;
  }
  let view;
  try {
    view = await api(`/api/cases/${encodeURIComponent(reference)}`, { headers: { 'X-Tracking-Code': code } });
  } catch (error) {
    showTrackLookup({ reference });
    announce(main.querySelector('[role="alert"]'), describeError(error), 'error');
    return;
  }
  renderCase(view, code);
}

function renderCase(view, code) {
  const sections = [
    heading('citizen.track.caseTitle', { reference: view.reference }),
    el('p', { class: 'subject' }, view.subject),
    el(
      'dl',
      { class: 'case-facts' },
      el('dt', {}, t('citizen.track.status')),
      el('dd', { id: 'case-status', 'data-status': view.status }, tOptional(`status.${view.status}`) || view.statusText),
      view.expectedDate ? [el('dt', {}, t('citizen.track.expected')), el('dd', { id: 'case-expected' }, formatDate(view.expectedDate))] : null,
      view.outcome ? [el('dt', {}, t('citizen.track.outcome')), el('dd', { id: 'case-outcome' }, view.outcome + (view.outcomeReason ? ` — ${view.outcomeReason}` : ''))] : null,
      view.rating ? [el('dt', {}, t('citizen.track.rating')), el('dd', {}, `${view.rating}/5`)] : null
    )
  ];
  if (view.informationRequested) {
    sections.push(informationForm(view, code));
  }
  if (view.canRate) {
    sections.push(ratingForm(view, code));
  }
  sections.push(
    el('h2', {}, t('citizen.track.timeline')),
    el(
      'ol',
      { class: 'timeline', id: 'case-timeline' },
      [...view.timeline].reverse().map((entry) =>
        el(
          'li',
          {},
          el('time', { datetime: entry.at }, formatDateTime(entry.at)),
          el('span', { class: 'timeline-event' }, `${t(`timeline.by.${entry.by}`)} · ${tOptional(`timeline.event.${entry.event}`) || entry.event}`),
          entry.text ? el('p', {}, entry.text) : null
        )
      )
    )
  );
  main.replaceChildren(...sections);
  focusHeading();
}

function informationForm(view, code) {
  const message = el('div', { role: 'alert', hidden: true });
  const question = [...view.timeline].reverse().find((e) => e.event === 'INFORMATION_REQUESTED');
  const form = el(
    'form',
    { class: 'stack panel', id: 'information-form' },
    el('h2', {}, t('citizen.info.title')),
    question?.text ? el('blockquote', {}, question.text) : null,
    el('div', { class: 'field' }, el('label', { for: 'info-text' }, t('citizen.info.answer')),
      el('textarea', { id: 'info-text', name: 'text', required: true, rows: '4', maxlength: '4000' })),
    fileInput('info-files', 'citizen.info.documents', 'citizen.files.hint', 'image/png,image/jpeg,application/pdf'),
    message,
    el('button', { type: 'submit', class: 'primary' }, t('citizen.info.send'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const files = [...form.querySelector('#info-files').files];
      checkFiles(files);
      const text = form.querySelector('#info-text').value;
      const updated = await api(`/api/cases/${encodeURIComponent(view.reference)}/information`, {
        method: 'POST',
        headers: { 'X-Tracking-Code': code },
        ...(files.length ? { multipart: withFiles({ text }, files) } : { body: { text } })
      });
      renderCase(updated, code);
    } catch (error) {
      announce(message, error.status ? describeError(error) : error.message, 'error');
      button.disabled = false;
    }
  });
  return form;
}

function ratingForm(view, code) {
  const message = el('div', { role: 'alert', hidden: true });
  const form = el(
    'form',
    { class: 'stack panel', id: 'rating-form' },
    el(
      'fieldset',
      { class: 'rating' },
      el('legend', {}, t('citizen.rate.title')),
      [1, 2, 3, 4, 5].map((score) =>
        el('label', { class: 'rating-option' },
          el('input', { type: 'radio', name: 'score', value: String(score), required: true, id: `score-${score}` }),
          ` ${score} · ${t(`citizen.rate.score${score}`)}`)
      )
    ),
    el('div', { class: 'field' }, el('label', { for: 'rating-comment' }, t('citizen.rate.comment')),
      el('textarea', { id: 'rating-comment', name: 'comment', rows: '3', maxlength: '1000' })),
    message,
    el('button', { type: 'submit', class: 'primary' }, t('citizen.rate.send'))
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const updated = await api(`/api/cases/${encodeURIComponent(view.reference)}/rating`, {
        method: 'POST',
        headers: { 'X-Tracking-Code': code },
        body: { score: Number(data.get('score')), comment: data.get('comment') || undefined }
      });
      renderCase(updated, code);
    } catch (error) {
      announce(message, describeError(error), 'error');
    }
  });
  return form;
}

function route() {
  const [, page, arg] = (location.hash || '#/').split('/');
  if (page === 'new') {
    showNewCase(arg);
  } else if (page === 'track' && arg) {
    showCase(decodeURIComponent(arg));
  } else if (page === 'track') {
    showTrackLookup(JSON.parse(sessionStorage.getItem(TRACK_KEY) || '{}'));
  } else {
    showServices();
  }
}

await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
onLangChange(route);
window.addEventListener('hashchange', route);
route();
