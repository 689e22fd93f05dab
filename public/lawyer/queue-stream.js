/*
 * The lawyer console's queue push stream: GET /api/v1/handoff/queue/stream read with fetch (EventSource cannot
 * send the bearer token), Server-Sent Events frames parsed across chunk boundaries, reconnects with backoff.
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
   * Holds the stream open until stop(): onQueue(queue) for each queue event, onState(up) when it comes up or
   * goes down, onUnauthorised() on 401 (then it stops).
   */
  function connect(token, { onQueue, onState, onUnauthorised }) {
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
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer = takeFrames(buffer + value, (event, data) => {
          if (event !== 'queue') return;
          retries = 0;
          setUp(true);
          onQueue(JSON.parse(data));
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

  return { connect, supported: typeof TextDecoderStream !== 'undefined' && typeof AbortController !== 'undefined' };
})();
