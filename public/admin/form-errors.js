// @ts-check
/**
 * @module public/admin/form-errors
 * What the workspace's edit forms (cases, directory, hardship standard) share: the server answers a refused edit
 * with 400 and an error that begins with the field's path ("phone.confirmed: Required"); the form shows the message
 * in its alert and marks the input that holds that field (aria-invalid, described by the message) and moves focus
 * there, so keyboard and screen-reader users land on what to fix.
 */

/**
 * The input id for an error, from the longest field path prefix `fields` knows.
 * @param {string} error the server's message, "path.to.field: message"
 * @param {Record<string, string>} fields API field path (or its first parts) → input id
 * @returns {string | null}
 */
export function inputFor(error, fields) {
  const path = error.split(':')[0]?.trim() ?? '';
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const id = fields[parts.slice(0, n).join('.')];
    if (id) return id;
  }
  return null;
}

/**
 * Shows `error` in the form's alert and marks the field it names.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} alert the form's role="alert" element (it needs an id)
 * @param {string} error
 * @param {Record<string, string>} fields
 */
export function showError(form, alert, error, fields) {
  clearErrors(form, alert);
  alert.textContent = error;
  const id = inputFor(error, fields);
  const input = id ? /** @type {HTMLElement | null} */ (form.querySelector(`#${id}`)) : null;
  if (!input) return;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', alert.id);
  input.focus();
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLElement} alert
 */
export function clearErrors(form, alert) {
  alert.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
}

/** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
export function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

/** "2026-12-04T03:05:00.000Z" as a China date and time, "2026-12-04 11:05". @param {string} iso */
export function chinaTime(iso) {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}
