/**
 * @module accounts/account-schema
 * Staff roles and the zod schemas for new accounts and login requests.
 */
import { z } from 'zod';

/** Staff roles: agents and admins handle pre-applications; lawyers take hand-offs; supervisors only read the statistics. */
export const ROLES = ['agent', 'lawyer', 'admin', 'supervisor'] as const;
/** One staff role. */
export type Role = (typeof ROLES)[number];

/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 8;

export const usernameSchema = z
  .string({ required_error: 'required', invalid_type_error: 'expected a string' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'expected 1–32 letters, digits, "_", "." or "-"');

export const passwordSchema = z
  .string({ required_error: 'required', invalid_type_error: 'expected a string' })
  .min(MIN_PASSWORD_LENGTH, `expected at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'expected at most 200 characters');

/** A new account. */
export const newAccountSchema = z.object({ username: usernameSchema, password: passwordSchema, role: z.enum(ROLES) }).strict();
export type NewAccount = z.infer<typeof newAccountSchema>;

/** Body of `POST /api/v1/auth/login`; any non-empty password is checked (old accounts may predate rules). */
export const loginRequestSchema = z
  .object({
    username: z.string({ required_error: 'username is required', invalid_type_error: 'username must be a string' }).min(1, 'username is required').max(64),
    password: z.string({ required_error: 'password is required', invalid_type_error: 'password must be a string' }).min(1, 'password is required').max(200),
  })
  .strict();

/** An account as the rest of the system sees it (never the hash). */
export interface Account {
  id: number;
  username: string;
  role: Role;
}
