/**
 * @module feedback/feedback-routes
 * `POST /api/v1/feedback {conversationId?, question, helpful, comment?}`: anyone may vote on an answer.
 */
import { Router } from 'express';
import { parseBody } from '../http/parse-body.js';
import { feedbackRequestSchema, type AnswerFeedback } from './answer-feedback.js';

export function feedbackRoutes(feedback: AnswerFeedback): Router {
  const router = Router();
  router.post('/feedback', async (req, res) => {
    res.status(201).json(await feedback.record(parseBody(feedbackRequestSchema, req.body)));
  });
  return router;
}
