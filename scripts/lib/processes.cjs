// Child-process helpers: wait for exit, translate it to an exit code, stop gracefully then forcefully.
// CommonJS so that the jest global setup/teardown can require it whatever jest's transforms are.
function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves with { code, signal } once the child has exited (immediately if it already has). */
function waitForExit(child) {
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Exit code a shell would report for a child that ended with { code, signal }. */
function exitCodeOf({ code, signal }) {
  if (signal) return 128 + ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0);
  return code ?? 1;
}

/**
 * Sends `signal` to the child (to its whole process group when it was spawned `detached`), waits up to
 * `timeoutMs`, then SIGKILLs it. Resolves once it has exited.
 */
async function stopProcess(child, { signal = 'SIGTERM', timeoutMs = 15_000, group = false } = {}) {
  if (hasExited(child)) return waitForExit(child);
  const send = (sig) => {
    try {
      process.kill(group ? -child.pid : child.pid, sig);
    } catch {
      // already gone
    }
  };
  send(signal);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs, 'timeout');
  });
  const result = await Promise.race([waitForExit(child), timedOut]);
  clearTimeout(timer);
  if (result !== 'timeout') return result;
  send('SIGKILL');
  return waitForExit(child);
}

module.exports = { hasExited, waitForExit, exitCodeOf, stopProcess };
