// The run's websocket played in the page, for bench/run_view.py (see its docstring).
(() => {
  const Real = window.WebSocket;
  const queue = [];
  const channel = new MessageChannel();
  let socket = null;
  window.__pwArrived = new Map();
  window.__pwLatencies = [];
  window.__pwShown = 0;
  window.__pwLastShown = 0;
  channel.port1.onmessage = () => {
    const message = queue.shift();
    if (!socket || !socket.onmessage || message === undefined) return;
    if (message.type === 'node') window.__pwArrived.set(`${message.node}:${message.status}`, performance.now());
    socket.onmessage({ data: JSON.stringify(message) });
  };
  window.__pwSend = (messages) => {
    for (const message of messages) {
      queue.push(message);
      channel.port2.postMessage(null);
    }
  };
  function Played(url, protocols) {
    if (!String(url).includes('/ws/runs/__RUN__/')) return new Real(url, protocols);
    socket = { url, readyState: 0, onopen: null, onmessage: null, onclose: null, onerror: null, send() {}, close() { this.readyState = 3; } };
    setTimeout(() => {
      socket.readyState = 1;
      if (socket.onopen) socket.onopen({});
      window.__pwSend([{ type: 'snapshot', seq: window.__pwRun.seq, run: window.__pwRun }]);
    }, 0);
    return socket;
  }
  Played.CONNECTING = 0; Played.OPEN = 1; Played.CLOSING = 2; Played.CLOSED = 3;
  window.WebSocket = Played;
  new MutationObserver((records) => {
    const keys = [];
    for (const record of records) {
      const id = record.target.dataset && record.target.dataset.testid;
      if (id && id.startsWith('run-node-') && record.target.dataset.status) {
        keys.push(`${id.slice('run-node-'.length)}:${record.target.dataset.status}`);
      }
    }
    if (!keys.length) return;
    requestAnimationFrame(() => {
      // The callback's own timestamp is the frame's start, which may precede the message.
      const painted = performance.now();
      for (const key of keys) {
        const arrived = window.__pwArrived.get(key);
        if (arrived === undefined) continue;
        window.__pwArrived.delete(key);
        window.__pwLatencies.push(painted - arrived);
        window.__pwShown += 1;
        window.__pwLastShown = painted;
      }
    });
  }).observe(document, { attributes: true, attributeFilter: ['data-status'], subtree: true });

  // A busy run: every tick one node starts, one completes, the running ones report progress
  // and LOG_LINES log lines arrive. Resolves with the frame times and latencies.
  window.__pwStream = (ids, seconds, tickMs, logLines) => new Promise((resolve) => {
    let seq = window.__pwRun.seq;
    let tick = 0;
    let sent = 0;
    const running = [];
    const ticks = Math.round((seconds * 1000) / tickMs);
    const now = () => new Date().toISOString();
    window.__pwFrames = [];
    window.__pwLatencies = [];
    window.__pwRecord = true;
    const started = performance.now();
    const nodeEvent = (node, status, fields) => ({ type: 'node', seq: (seq += 1), node, status, attempts: 1, started_at: now(), finished_at: null, reused: false, outputs: {}, error: null, reuse: null, traceback: null, source: null, from_run: window.__pwRun.id, ...fields });
    const timer = setInterval(() => {
      const batch = [];
      const node = ids[tick % ids.length];
      batch.push(nodeEvent(node, 'running', {}));
      running.push(node);
      if (running.length > 4) batch.push(nodeEvent(running.shift(), 'completed', { finished_at: now() }));
      for (const id of running) batch.push({ type: 'progress', seq: (seq += 1), node: id, current: tick % 10, total: 10 });
      for (let line = 0; line < logLines; line += 1) batch.push({ type: 'log', seq: (seq += 1), node, stream: 'stdout', line: `step ${tick} line ${line}` });
      sent += batch.length;
      window.__pwSend(batch);
      tick += 1;
      if (tick >= ticks) {
        clearInterval(timer);
        window.__pwRun.seq = seq;
        // Let the last messages and their frames land.
        setTimeout(() => requestAnimationFrame(() => {
          window.__pwRecord = false;
          const elapsed = (performance.now() - started) / 1000;
          resolve({ frames: window.__pwFrames, latencies: window.__pwLatencies, sent, elapsed });
        }), 500);
      }
    }, tickMs);
  });

  // Every node reused at once: from the first message handed over to the frame after the last
  // node shows it.
  window.__pwBurst = (ids) => new Promise((resolve) => {
    let seq = window.__pwRun.seq;
    window.__pwShown = 0;
    window.__pwLatencies = [];
    const first = performance.now();
    window.__pwSend(ids.map((node) => ({ type: 'node', seq: (seq += 1), node, status: 'reused', attempts: 0, started_at: null, finished_at: new Date().toISOString(), reused: true, outputs: {}, error: null, reuse: null, traceback: null, source: null, from_run: 1 })));
    window.__pwRun.seq = seq;
    const check = () => {
      if (window.__pwShown >= ids.length) resolve({ all_shown_ms: window.__pwLastShown - first, latencies: window.__pwLatencies });
      else setTimeout(check, 20);
    };
    check();
  });
})();
