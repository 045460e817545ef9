/**
 * Everything the benchmark starts or creates registers how to undo it here, so child
 * servers and temp files go away on success, on failure and on Ctrl-C alike. Each
 * task has a graceful async form and a synchronous last resort for process 'exit'.
 */

interface Task {
  name: string;
  graceful: () => Promise<void> | void;
  lastResort: () => void;
  done: boolean;
}

const tasks: Task[] = [];
const interruptHooks = new Set<() => void>();

/** Registers an undo; returns a function that runs it now (once). */
export function onCleanup(
  name: string, graceful: () => Promise<void> | void, lastResort: () => void = () => {},
): () => Promise<void> {
  const task: Task = { name, graceful, lastResort, done: false };
  tasks.push(task);
  return () => runTask(task);
}

async function runTask(task: Task): Promise<void> {
  if (task.done) return;
  task.done = true;
  try {
    await task.graceful();
  } catch (err) {
    process.stderr.write(`cleanup of ${task.name} failed: ${String(err)}; forcing\n`);
    task.lastResort();
  }
}

/** Undoes everything still registered, newest first. */
export async function cleanupAll(): Promise<void> {
  for (const task of [...tasks].reverse()) await runTask(task);
}

/** Called on Ctrl-C before cleaning up, e.g. to stop a running load generator. */
export function onInterrupt(hook: () => void): () => void {
  interruptHooks.add(hook);
  return () => interruptHooks.delete(hook);
}

let installed = false;

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // A second signal or a hung cleanup still ends the process through process.exit,
      // whose 'exit' handler below kills what is left; dying of the signal would not.
      if (interrupted) process.exit(130);
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping servers and removing temp files\n`);
      for (const hook of interruptHooks) hook();
      setTimeout(() => process.exit(130), 15_000).unref();
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const task of tasks) {
      if (task.done) continue;
      task.done = true;
      try {
        task.lastResort();
      } catch {
        // Nothing more can be done while exiting.
      }
    }
  });
}
