/**
 * @module server/graceful-shutdown
 * SIGTERM drains instead of dropping: new requests are refused (503, `Connection: close`, so a load balancer moves
 * them to another process), the requests and bot turns already running finish and are written, then the caller
 * closes the database. A turn that outlives the deadline is abandoned rather than holding the stop forever.
 */
import type { RequestHandler } from 'express';
import { ShuttingDownError } from '../errors.js';
import { statusOf } from '../http/error-status.js';

/** Counts work in flight (HTTP requests, bot turns) and stops new requests once draining. */
export class Drain {
  private running = 0;
  private draining = false;
  private readonly waiters = new Set<() => void>();

  /** Counts `work` in flight until it settles; its result and error pass through. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running++;
    return work.finally(() => this.settle());
  }

  /** True once `drain` has been called: no new work is taken. */
  get closing(): boolean {
    return this.draining;
  }

  get inFlight(): number {
    return this.running;
  }

  /**
   * Express middleware, first in the chain: counts each request until its response is finished (or the client left);
   * once draining, refuses new ones. Server-sent event streams never finish by themselves, so they are not counted
   * (the shutdown closes them after the drain).
   */
  requests(): RequestHandler {
    return (req, res, next) => {
      if (this.draining) {
        // Answered here, not by the error handler: a refusal while stopping is expected, not a failure to log.
        const refusal = new ShuttingDownError('the server is restarting; try again');
        res.set({ Connection: 'close', 'Retry-After': '1' }).status(statusOf(refusal)).json({ error: refusal.message });
        return;
      }
      if (req.headers.accept?.includes('text/event-stream') || req.path.endsWith('/stream')) return next();
      this.running++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.settle();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
  }

  /** Stops taking work and resolves when nothing is in flight, or after `deadlineMs` with what is still running. */
  drain(deadlineMs: number): Promise<{ drained: boolean; abandoned: number }> {
    this.draining = true;
    if (this.running === 0) return Promise.resolve({ drained: true, abandoned: 0 });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        resolve({ drained: false, abandoned: this.running });
      }, deadlineMs);
      const done = () => {
        clearTimeout(timer);
        resolve({ drained: true, abandoned: 0 });
      };
      this.waiters.add(done);
    });
  }

  private settle(): void {
    this.running--;
    if (this.running > 0) return;
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }
}
