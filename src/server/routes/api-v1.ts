/**
 * @module server/routes/api-v1
 * The citizen-facing JSON API: ask, classify, search and eligibility.
 */
import { Router } from 'express';
import type { Lawline } from '../../assistant/lawline.js';
import { askRequestSchema, classifyRequestSchema, searchRequestSchema } from '../../assistant/requests.js';
import { InputError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';

export function apiV1Routes(lawline: Lawline): Router {
  const router = Router();

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
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new InputError('request body must be a JSON object');
    // An invalid input throws an EligibilityInputError, an InputError: the error handler answers 400.
    res.json(lawline.eligibility(req.body));
  });

  return router;
}
