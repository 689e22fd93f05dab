/**
 * @module storage/consultation-rollup
 * The consultations of each day, counted ahead: per day, per county (and '*' for the whole city) and per kind of
 * key (channel, topic, intent, county, day, who answered, emergency), how many conversations asked for the first
 * time under that key and how many questions there were. The overview sums these rows instead of counting
 * distinct conversations over hundreds of thousands of logged questions, so a year answers in milliseconds.
 *
 * A conversation counts under a key on the day of its first question with that key (in that county, for the county
 * rows): a conversation that runs across the start of a period counts in the period it began. `kind = 'day'` keys
 * by the day itself, so a conversation counts once on every day it asked something. Outcome and emergency rows
 * count questions only. The service log keeps the rollup as it writes (service-log-repository.ts); the SQL below
 * rebuilds it from the logged questions (the migration's backfill, and the bench after its bulk load).
 */
import type { SqlClient } from './sql-client.js';

/** The whole city's rows. */
export const CITY = '*';
/** The key of a question that has none (no topic, no county…). */
export const NO_KEY = '';

/** Keys under which conversations are counted, each an expression over a consultations row. */
export const CONVERSATION_KINDS = {
  total: `''`, channel: 'channel_id', topic: `coalesce(topic, '')`, intent: `coalesce(intent, '')`, county: `coalesce(county, '')`, day: 'day',
} as const;
/** Keys under which only questions are counted. */
export const QUESTION_KINDS = { outcome: 'outcome', risk: `coalesce(risk, '')` } as const;

export type RollupKind = keyof typeof CONVERSATION_KINDS | keyof typeof QUESTION_KINDS;

export const CONSULTATION_ROLLUP_TABLE = `
CREATE TABLE consultation_rollup (
  kind TEXT NOT NULL, county TEXT NOT NULL, day TEXT NOT NULL, key TEXT NOT NULL,
  conversations BIGINT NOT NULL, questions BIGINT NOT NULL,
  PRIMARY KEY (kind, county, day, key));
`;

/** The rollup computed from every logged question (window functions: SQLite ≥ 3.25 and PostgreSQL alike). */
function rollupSelect(): string {
  const parts: string[] = [];
  for (const [level, county, where] of [['city', `'${CITY}'`, ''], ['county', 'county', ' WHERE county IS NOT NULL']] as const) {
    const partition = level === 'city' ? 'channel_id, conversation_id' : 'channel_id, conversation_id, county';
    for (const [kind, key] of Object.entries(CONVERSATION_KINDS)) {
      parts.push(`SELECT '${kind}' AS kind, ${county} AS county, day, ${key} AS key,
        CASE WHEN row_number() OVER (PARTITION BY ${partition}, ${key} ORDER BY at, id) = 1 THEN 1 ELSE 0 END AS first, 1 AS q FROM consultations${where}`);
    }
    for (const [kind, key] of Object.entries(QUESTION_KINDS)) {
      parts.push(`SELECT '${kind}' AS kind, ${county} AS county, day, ${key} AS key, 0 AS first, 1 AS q FROM consultations${where}`);
    }
  }
  return `SELECT kind, county, day, key, sum(first) AS conversations, sum(q) AS questions FROM (
${parts.join('\nUNION ALL ')}
) AS rows GROUP BY kind, county, day, key`;
}

/** Fills the (empty) rollup from the logged questions: the migration's backfill. */
export const CONSULTATION_ROLLUP_BACKFILL = `INSERT INTO consultation_rollup (kind, county, day, key, conversations, questions)
${rollupSelect()};
`;

/** Rebuilds the rollup from the logged questions, in one transaction (after rows were loaded in bulk). */
export async function rebuildConsultationRollup(sql: SqlClient): Promise<void> {
  await sql.transaction(async () => {
    await sql.run('DELETE FROM consultation_rollup');
    await sql.run(CONSULTATION_ROLLUP_BACKFILL.trim().replace(/;$/, ''));
  });
}
