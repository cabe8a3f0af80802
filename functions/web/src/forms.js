// Renders Camunda Forms with the official form-js viewer, exactly as they are, with their English
// labels replaced by the bundle's translations in Chinese. The viewer's own words go through the
// same map: those it translates ('Search', 'Field is required.') by its translate service, and the
// select's placeholder, which it writes as a fixed 'Select', by rewriting that text where it shows.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { formText } from './common.js';

function localize(node) {
  if (Array.isArray(node)) {
    return node.map(localize);
  }
  if (node && typeof node === 'object') {
    const copy = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] = ['label', 'description', 'text'].includes(key) && typeof value === 'string' ? formText(value) : localize(value);
    }
    return copy;
  }
  return node;
}

/** form-js's translate service: the bundle's text for the English template, placeholders filled. */
const translation = {
  translate: ['value', (template, replacements = {}) =>
    formText(template).replace(/{([^}]+)}/g, (_, key) => (replacements[key] == null ? `{${key}}` : String(replacements[key])))]
};

const SELECT_PLACEHOLDER = 'Select';

/** Keeps the select placeholders of `container` in the current language as form-js redraws them. */
function translatePlaceholders(container) {
  const rewrite = () => {
    const text = formText(SELECT_PLACEHOLDER);
    if (text === SELECT_PLACEHOLDER) {
      return;
    }
    container.querySelectorAll('.fjs-select-placeholder').forEach((node) => {
      // The text node itself changes, not the element's children: form-js keeps that node and
      // writes the chosen option's label into it later.
      const label = node.firstChild;
      if (label && label.nodeType === Node.TEXT_NODE && label.data === SELECT_PLACEHOLDER) {
        label.data = text;
      }
    });
  };
  new MutationObserver(rewrite).observe(container, { childList: true, subtree: true, characterData: true });
  rewrite();
}

/** Renders `schema` into `container` (replacing what was there) and returns the form. */
export async function renderForm(container, schema, data = {}) {
  container.replaceChildren();
  const form = new Form({ container, additionalModules: [translation] });
  await form.importSchema(localize(schema), data);
  translatePlaceholders(container);
  return form;
}

/** The keys of the schema's file pickers (their data values are form-js file references). */
export function filePickerKeys(schema) {
  const keys = [];
  const walk = (components = []) =>
    components.forEach((c) => {
      if (c.type === 'filepicker' && c.key) {
        keys.push(c.key);
      }
      walk(c.components);
    });
  walk(schema.components);
  return keys;
}
