/**
 * @module server/routes/api-v1
 * The citizen-facing JSON API: ask, classify, search and eligibility; the labels the consoles show (meta).
 */
import { Router } from 'express';
import { LOW_CONFIDENCE } from '../../assistant/ask.js';
import type { Lawline } from '../../assistant/lawline.js';
import { askRequestSchema, classifyRequestSchema, searchRequestSchema } from '../../assistant/requests.js';
import { EligibilityInputError } from '../../eligibility/schema.js';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { HttpError } from '../http-error.js';
import { parseBody } from '../validate.js';

export function apiV1Routes(lawline: Lawline): Router {
  const router = Router();

  // The labels and the threshold the staff consoles show, from their one definition here (not secret: no login).
  router.get('/meta', (_req, res) => {
    res.json({ lowConfidence: LOW_CONFIDENCE, intents: Object.fromEntries(lawline.intentLabels), topics: TOPIC_LABELS });
  });

  router.post('/ask', async (req, res) => {
    const { text } = parseBody(askRequestSchema, req.body);
    res.json(await lawline.ask(text));
  });

  router.post('/classify', (req, res) => {
    const { text } = parseBody(classifyRequestSchema, req.body);
    res.json(lawline.classify(text));
  });

  router.post('/search', (req, res) => {
    const { text, kind, limit } = parseBody(searchRequestSchema, req.body);
    const r = lawline.recognise(text);
    const hits = lawline.retriever.searchAnalysed(r.analysed, { kind, limit: limit ?? 10, topics: r.domainScores });
    res.json({
      results: hits.map((h) => ({
        kind: h.doc.kind, ref: h.doc.ref, title: h.doc.title, law: h.doc.law, article: h.doc.article,
        text: h.doc.text, score: Math.round(h.score * 1000) / 1000,
      })),
    });
  });

  router.post('/eligibility', (req, res) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new HttpError(400, 'request body must be a JSON object');
    try {
      res.json(lawline.eligibility(req.body));
    } catch (err) {
      if (err instanceof EligibilityInputError) throw new HttpError(400, err.message);
      throw err;
    }
  });

  return router;
}
