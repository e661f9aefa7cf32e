/**
 * Fault injection for the crash tests: when TANDEM_FAULT names a point, the process announces it on
 * stderr and stops there forever, inside whatever transaction is open, so a test can kill it at
 * exactly that moment (test/server/crash.test.ts). A no-op otherwise.
 */
export async function faultPoint(name: string): Promise<void> {
  if (process.env.TANDEM_FAULT !== name) return;
  process.stderr.write(`fault:${name}\n`);
  await new Promise<never>(() => undefined);
}
