// @ts-check
/**
 * @module public/staff/dom
 * Element lookups both staff consoles use, typed for the checker. Each page has the elements it asks for (its
 * browser test loads it), so a lookup is not null-checked here.
 */

/** @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** A form field by id (input, textarea or select: anything with a value). @param {string} id */
export const field = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @param {string} id */
export const button = (id) => /** @type {HTMLButtonElement} */ (document.getElementById(id));
