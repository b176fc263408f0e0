// Progress goes to stderr so that stdout stays clean for output meant for machines (e.g. the token).
export function info(message) {
  process.stderr.write(`[casework] ${message}\n`);
}

/** An error whose message is meant for the operator as is (no stack trace needed). */
export class SetupError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'SetupError';
    this.exitCode = exitCode;
  }
}

/** Runs a script's main function: prints a SetupError's message (other errors with their stack) and exits. */
export function runMain(main) {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exit(code);
    },
    (error) => {
      process.stderr.write(`[casework] error: ${error instanceof SetupError ? error.message : (error?.stack ?? error)}\n`);
      process.exit(error?.exitCode ?? 1);
    },
  );
}
