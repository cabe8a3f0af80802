// Renders Camunda Forms with the official form-js viewer, exactly as they are, with their English
// labels replaced by the bundle's translations in Chinese.
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

/** Renders `schema` into `container` (replacing what was there) and returns the form. */
export async function renderForm(container, schema, data = {}) {
  container.replaceChildren();
  const form = new Form({ container });
  await form.importSchema(localize(schema), data);
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
