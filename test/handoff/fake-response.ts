/**
 * A stand-in for the queue stream's HTTP response: write() answers `full` (true: the buffer is over its mark) and
 * keeps what was written, so tests read the events a console would get.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';

export interface WrittenEvent { event: string; data: any }

export class FakeResponse extends EventEmitter {
  full = false;
  writableEnded = false;
  socket = { end: () => {} };
  written: string[] = [];
  writeHead() { return this; }
  write(text: string) { this.written.push(text); return !this.full; }
  end() { this.writableEnded = true; this.emit('close'); }
  /** The events written so far (keep-alive comments left out), data parsed. */
  events(): WrittenEvent[] {
    return this.written.filter((w) => w.startsWith('event: ')).map((w) => ({
      event: w.slice(7, w.indexOf('\n')),
      data: JSON.parse(w.slice(w.indexOf('data: ') + 6)),
    }));
  }
  get asResponse() { return this as unknown as Response; }
}

/** A request whose socket is still up. */
export const fakeRequest = { socket: {} } as unknown as Request;

/** Lets the microtask and timers of a push run. */
export const turn = () => new Promise((resolve) => setImmediate(resolve));
