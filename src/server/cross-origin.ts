/**
 * @module server/cross-origin
 * CORS for what the widget and other city sites call from their pages: Direct Line and the public API. The
 * configured widget origins (LAWLINE_WIDGET_ORIGINS) may call; with none configured any origin may, which is
 * safe for these endpoints because tokens travel in a header, never in cookies. Staff APIs get no CORS headers.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

export function widgetCors(origins: string[] | undefined): RequestHandler {
  return cors({
    origin: origins ?? '*',
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'x-ms-bot-agent', 'x-requested-with'],
    maxAge: 600,
  });
}
