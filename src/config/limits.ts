/**
 * @module config/limits
 * Sizes that every interface shares, defined once: a question over HTTP or a CLI line, a chat message on any
 * channel, a message relayed to a duty lawyer and a lawyer's note are all held to the same length.
 */

/** Longest message or question accepted; longer text is almost always a pasted document. */
export const MAX_MESSAGE_CHARS = 2000;

/** How long a draft's download link works (minutes): long enough to open it, short enough that a forwarded chat does not leak it for long. */
export const DRAFT_LINK_MINUTES = 30;
