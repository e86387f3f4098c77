// Customer Insight's background worker. It loads the app's own WebAssembly module (the
// page sends the hashed URLs) and hands every later message to Rust's worker_main.
self.onmessage = async (event) => {
  const { js, wasm } = event.data;
  try {
    const bindings = await import(js);
    await bindings.default({ module_or_path: wasm });
    bindings.worker_main();
    self.postMessage({ kind: "ready" });
  } catch (err) {
    self.postMessage({ kind: "boot_failed", message: String(err && err.message ? err.message : err) });
  }
};
