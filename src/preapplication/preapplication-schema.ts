/**
 * @module preapplication/preapplication-schema
 * zod schemas for a new pre-application, the staff status change, and the record shape.
 */
import { z } from 'zod';
import { matters, type Decision, type Matter } from '../eligibility/schema.js';
import { STATUSES, type Status } from './status.js';

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Strips spaces, dashes and a +86/86 prefix; returns the 11-digit number or null when it is not a mobile. */
export function normaliseMobile(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MOBILE_PATTERN.test(digits) ? digits : null;
}

/** What the eligibility check concluded when the pre-application was made. */
export const eligibilitySnapshotSchema = z.object({
  decision: z.enum(['eligible', 'not_eligible', 'needs_review']),
  meansTest: z.string().nullable(),
  codes: z.array(z.string()),
  reasons: z.array(z.string()),
});

export const newPreapplicationSchema = z.object({
  name: z.string().trim().min(2, 'name: at least 2 characters').max(30, 'name: at most 30 characters'),
  phone: z.string().regex(MOBILE_PATTERN, 'phone: expected an 11-digit mainland mobile number'),
  county: z.string().trim().min(1).nullable(),
  matter: z.enum(matters),
  summary: z.string().trim().min(1).max(1000),
  eligibility: eligibilitySnapshotSchema,
  conversationId: z.string().min(1),
  channelId: z.string().min(1),
  userId: z.string().min(1).optional(),
});
export type NewPreapplication = z.infer<typeof newPreapplicationSchema>;

/** Body of `PUT /api/v1/preapplications/:ref/status`. */
export const statusChangeSchema = z.object({ status: z.enum(STATUSES), note: z.string().trim().max(500).optional() }).strict();

/** One audited status change. */
export interface StatusChange {
  at: string;
  actor: string;
  from: Status | null;
  to: Status;
  note: string | null;
}

/** A stored pre-application with its history (oldest first). */
export interface Preapplication {
  reference: string;
  name: string;
  phone: string;
  county: string | null;
  matter: Matter;
  summary: string;
  eligibility: { decision: Decision; meansTest: string | null; codes: string[]; reasons: string[] };
  status: Status;
  conversationId: string;
  channelId: string;
  createdAt: string;
  updatedAt: string;
  history: StatusChange[];
}
