// Optional V8 CPU profile of the Worker's isolate (locally the entry Worker and all its Durable
// Objects share one), taken over wrangler's inspector with the Chrome DevTools Protocol.
// Diagnostic only: the sampling slows the Worker down.

export async function connectProfiler(inspectorPort) {
  // The inspector proxy only admits DevTools-like clients: it wants a local Origin.
  const socket = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`, {
    headers: { Origin: "http://localhost" },
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error("inspector connection failed")), {
      once: true,
    });
  });
  const send = devtoolsSender(socket);
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  return {
    start: () => send("Profiler.start"),
    /** The profile, and the source of each profiled script (to tell its bundled modules apart). */
    async stop() {
      const { profile } = await send("Profiler.stop");
      const sources = await scriptSources(send, profile).catch((error) => {
        console.error(`no script sources from the inspector: ${error.message}`);
        return new Map();
      });
      socket.close();
      return { profile, sources };
    },
  };
}

function devtoolsSender(socket) {
  let nextId = 1;
  const waiting = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    const pending = waiting.get(message.id);
    if (!pending) return; // an event, not an answer
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
}

async function scriptSources(send, profile) {
  const sources = new Map();
  await send("Debugger.enable");
  const ids = new Set(profile.nodes.map((node) => node.callFrame.scriptId));
  for (const id of ids) {
    if (!id || id === "0") continue;
    const { scriptSource } = await send("Debugger.getScriptSource", { scriptId: id });
    sources.set(id, scriptSource);
  }
  await send("Debugger.disable");
  return sources;
}
