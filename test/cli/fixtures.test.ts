/**
 * The fixture corpora under test/fixtures: golden org folders with hand-worked expected statements,
 * awkward-but-valid folders, and broken folders that must be rejected with precise positions.
 * Expected values were computed by hand (see each case's README.md), never from Tandem's output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withoutTraces } from '../support/run-cli.js';

const root = join(import.meta.dirname, '..', 'fixtures');
const cases = (kind: string) =>
  readdirSync(join(root, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '') : [];
}

describe.each(['golden', 'awkward'])('%s org folders', (kind) => {
  it.each(cases(kind))('%s: calc --json equals the hand-worked statements', async (name) => {
    const dir = join(root, kind, name);
    const { period } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { period: string };
    const expected: unknown = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const out = await runCli(['calc', join(dir, 'org'), '--period', period, '--json']);
    expect(out.stderr).not.toMatch(/: error:/);
    expect(out.code).toBe(0);
    expect(withoutTraces(JSON.parse(out.stdout))).toEqual(expected);
    for (const warning of lines(join(dir, 'warnings.txt'))) expect(out.stderr).toContain(`${warning}: warning:`);
  });
});

describe('invalid org folders', () => {
  it.each(cases('invalid'))('%s: exit 2, every problem at its FILE:LINE:COLUMN, nothing written', async (name) => {
    const dir = join(root, 'invalid', name);
    const expected = lines(join(dir, 'expected.txt'));
    expect(expected.length).toBeGreaterThan(0);

    const validate = await runCli(['validate', join(dir, 'org')]);
    expect(validate.code).toBe(2);
    const errors = validate.stderr.split('\n').filter((l) => / error: /.test(l));
    for (const location of expected) expect(errors.some((l) => l.startsWith(`${location}: error: `))).toBe(true);
    expect(errors).toHaveLength(expected.length);
    expect(validate.stderr).not.toMatch(/\n\s+at /);
    expect(validate.stdout).toBe('');

    const out = join(mkdtempSync(join(tmpdir(), 'tandem-invalid-')), 'statements');
    const calc = await runCli(['calc', join(dir, 'org'), '--period', '2026', '--csv', out]);
    expect(calc.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
