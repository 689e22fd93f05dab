/*
 * The lawyer console's queue push stream: GET /api/v1/handoff/queue/stream read with fetch (EventSource cannot
 * send the bearer token), Server-Sent Events frames parsed across chunk boundaries, reconnects with backoff.
 * The first event is the whole queue (`queue`), later ones only what changed (`queue-delta`): createView() keeps
 * the items by id and rebuilds the queue of GET /handoff/queue from both. No DOM here: tests load this file.
 */
window.lawlineQueueStream = (() => {
  'use strict';
  const RETRY_MS = [1000, 2000, 5000, 10000, 30000];

  /** Splits SSE text into frames, calling onEvent(name, data) for each; returns the unfinished rest. */
  function takeFrames(buffer, onEvent) {
    const frames = buffer.replace(/\r\n/g, '\n').split('\n\n');
    const rest = frames.pop();
    for (const frame of frames) {
      let event = 'message';
      const data = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) continue; // keep-alive comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
    return rest;
  }

  /**
   * The queue as the events so far tell it. apply(event, data) takes a parsed `queue` (replaces everything) or
   * `queue-delta` (applied to the last; ignored before the first `queue`) and says whether it applied it;
   * queue(now) is the queue in the shape of GET /handoff/queue, positions by order and waiting times grown by
   * the time since each item arrived (on the console's own clock, so no clock skew).
   */
  function createView() {
    let head = null;
    let items = new Map();
    let order = [];
    return {
      apply(event, data, now = Date.now()) {
        if (event === 'queue') {
          head = { presence: data.presence, onShift: data.onShift, capacity: data.capacity, mine: data.mine };
          items = new Map(data.queue.map((t) => [t.id, { t, at: now }]));
          order = data.queue.map((t) => t.id);
          return true;
        }
        if (event !== 'queue-delta' || !head) return false;
        head = { presence: data.presence, onShift: data.onShift, capacity: data.capacity, mine: data.mine ?? head.mine };
        for (const id of data.remove) items.delete(id);
        const added = data.upsert.filter((t) => !items.has(t.id)).map((t) => t.id);
        for (const t of data.upsert) items.set(t.id, { t, at: now });
        // Without `order`, new items go to the end and the rest keep theirs.
        order = data.order ?? [...order.filter((id) => items.has(id)), ...added];
        return true;
      },
      queue(now = Date.now()) {
        if (!head) return null;
        const queue = order.filter((id) => items.has(id)).map((id, i) => {
          const { t, at } = items.get(id);
          return { ...t, position: i + 1, waitingMs: t.waitingMs + (now - at) };
        });
        return { presence: head.presence, onShift: head.onShift, capacity: head.capacity, queue, mine: head.mine };
      },
    };
  }

  /**
   * Holds the stream open until stop(): onQueue(queue) after each queue event (the whole queue, rebuilt), onChat(ticketId)
   * when a message arrived in one of this lawyer's chats, onState(up) when it comes up or
   * goes down, onUnauthorised() on 401 (then it stops).
   */
  function connect(token, { onQueue, onChat = () => {}, onState, onUnauthorised }) {
    let controller = null;
    let timer = null;
    let retries = 0;
    let stopped = false;
    let up = false;
    const setUp = (value) => { if (up !== value) { up = value; onState(value); } };

    async function read(c) {
      const res = await fetch('/api/v1/handoff/queue/stream', { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: c.signal });
      if (res.status === 401) { stopped = true; onUnauthorised(); return; }
      if (res.status !== 200 || !res.body) throw new Error(`queue stream ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      const view = createView(); // each connection starts from a whole queue
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer = takeFrames(buffer + value, (event, data) => {
          if (event === 'chat') return onChat(JSON.parse(data).ticketId);
          if ((event !== 'queue' && event !== 'queue-delta') || !view.apply(event, JSON.parse(data))) return;
          retries = 0;
          setUp(true);
          onQueue(view.queue());
        });
      }
    }

    function attempt() {
      const c = new AbortController();
      controller = c;
      read(c).catch(() => {}).finally(() => {
        if (stopped || controller !== c) return;
        setUp(false);
        timer = setTimeout(attempt, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
      });
    }

    attempt();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
        controller?.abort();
        up = false;
      },
    };
  }

  return { connect, createView, takeFrames, supported: typeof TextDecoderStream !== 'undefined' && typeof AbortController !== 'undefined' };
})();
