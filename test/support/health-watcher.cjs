/* global process, fetch, AbortSignal, setTimeout */
// Polls a /health URL from a process of its own, so that the measuring side's
// event loop (a fuzz generator, a test runner) cannot add to what is measured.
// argv: url, everyMs, withinMs. Prints one JSON array of the slow answers on SIGTERM.
const [url, everyMs, withinMs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const slow = [];
let running = true;
process.on('SIGTERM', () => {
  running = false;
});
(async () => {
  while (running) {
    const started = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.text();
      const took = Date.now() - started;
      if (response.status !== 200 || took > withinMs) slow.push(`${response.status} after ${took} ms`);
    } catch (error) {
      slow.push(`no answer after ${Date.now() - started} ms: ${error.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  process.stdout.write(JSON.stringify(slow));
})();
