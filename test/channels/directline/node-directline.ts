/**
 * Microsoft's DirectLineJS client running in Node: its default transport is the browser's XMLHttpRequest, so
 * requests go through fetch here (same request/response shape), and `ws` stands in for the browser WebSocket.
 * Also small helpers to wait for activities without sleeping.
 */
import { DirectLine, type DirectLineOptions } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable.js';
import { WebSocket } from 'ws';

/** The fields the tests read (DirectLineJS's own Activity type is a union without replyToId on messages). */
export interface DlActivity {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  conversation?: { id: string };
  channelData?: any;
}

interface AjaxRequest { url: string; method?: string; headers?: Record<string, string>; body?: unknown }

function fetchAjax(request: AjaxRequest) {
  return Observable.create((subscriber: { next(v: unknown): void; error(e: unknown): void; complete(): void }) => {
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body }).then(
      async (res) => {
        const text = await res.text();
        const response = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ status: res.status, response });
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, response });
        }
      },
      (error) => subscriber.error({ status: 0, error }),
    );
  });
}

// DirectLineJS decides between websocket and polling on the global WebSocket (Node 20 has none).
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A DirectLine client against `domain` with the Node transports. */
export function nodeDirectLine(options: DirectLineOptions): DirectLine {
  return new DirectLine({ ...options, ajax: fetchAjax as never, WebSocket: WebSocket as never });
}

/** Everything a client receives, with a way to wait for a condition on it. */
export class ActivityRecorder {
  readonly activities: DlActivity[] = [];
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];
  private readonly subscription;

  constructor(readonly client: DirectLine) {
    this.subscription = client.activity$.subscribe((a) => {
      this.activities.push(a as DlActivity);
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
  }

  /** Resolves with the first received activity matching `predicate` (now or later). */
  waitFor(predicate: (a: DlActivity) => boolean): Promise<DlActivity> {
    const found = () => this.activities.find(predicate);
    return new Promise((resolve) => {
      const test = () => Boolean(found());
      if (test()) resolve(found()!);
      else this.waiters.push({ test, resolve: () => resolve(found()!) });
    });
  }

  /** Stops receiving (closes the websocket or the polling) and ends the client. */
  stop(): void {
    this.subscription.unsubscribe();
    this.client.end();
  }
}

/** The seq part of an activity id `{conversationId}|{seq}`. */
export function seqOf(activity: { id?: string }): number {
  return Number(activity.id?.split('|')[1]);
}

/** Posts with DirectLineJS and resolves with the id the server assigned. */
export function post(client: DirectLine, activity: Partial<DlActivity>): Promise<string> {
  return new Promise((resolve, reject) => {
    client.postActivity({ from: { id: 'citizen' }, ...activity } as never).subscribe(resolve, reject);
  });
}
