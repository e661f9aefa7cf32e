/**
 * `evidence`, `readiness`, `people report` and `validate` on the command line: the JSON contracts,
 * usage errors, and broken ladders and people files rejected with FILE:LINE:COLUMN, exit 2 and
 * nothing written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { FILES, LADDER_YAML, writeFixture } from './fixture.js';

const AS_OF = ['--as-of', '2026-06-30'];

describe('career commands', () => {
  const dir = writeFixture();

  it('readiness --json has the public keys and lists the gaps', async () => {
    const r = await runCli(['readiness', dir, '--person', 's1', ...AS_OF, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown> & { gaps: { competency: string; expected: number; rating: number | null; evidence: unknown[] }[] };
    expect(json).toMatchObject({ person_id: 's1', level: 'SE2', target_level: 'SE3', as_of: '2026-06-30' });
    expect(json.gaps.map((g) => [g.competency, g.expected, g.rating])).toEqual([
      ['discovery', 3, 3],
      ['ai', 2, 1],
    ]);
  });

  it('readiness and evidence print tidy text', async () => {
    const r = await runCli(['readiness', dir, '--person', 's1', '--level', 'SE2', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Every minimum of SE2 is met.');
    expect(r.stdout).toContain('it never promotes anyone');
    const e = await runCli(['evidence', dir, '--person', 's1', ...AS_OF]);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/technical_wins\s+3\s+deals/);
    expect(e.stdout).toContain('2 won of 3 decided; segment rate 0.3889');
  });

  it('people report --json has every section; --html writes a report', async () => {
    const html = join(dir, 'people.html');
    const r = await runCli(['people', 'report', dir, ...AS_OF, '--json', '--html', html]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, { person_id?: string }[]>;
    for (const key of ['tenure_promotions', 'stuck', 'no_conversation', 'compa_ratio', 'pay_equity', 'parity']) expect(Array.isArray(json[key])).toBe(true);
    expect(json.tenure_promotions?.map((t) => t.person_id)).toEqual(['s3']);
    expect(json.stuck?.map((t) => t.person_id)).toEqual(['s1', 's2']);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Compa-ratio: base salary');
    expect(page).not.toMatch(/<script[^>]+src=/);
  });

  it('--as-of defaults to today', async () => {
    // The test's today is 2026-11-27: s2's last conversation (2025-05-01) is 18 months before.
    const r = await runCli(['people', 'report', dir, '--json']);
    const json = JSON.parse(r.stdout) as { as_of: string; no_conversation: { person_id: string; months_since: number | null }[] };
    expect(json.as_of).toBe('2026-11-27');
    expect(json.no_conversation.find((c) => c.person_id === 's2')?.months_since).toBe(18);
  });

  it('validate checks the ladder side too', async () => {
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ladder: mini, 4 levels; 2 bands, 4 activities, 9 assessments, 4 level changes, 3 conversations.');
  });

  it('gives usage errors for an unknown person, level or date', async () => {
    expect(await runCli(['readiness', dir, '--person', 'zz', ...AS_OF])).toMatchObject({ code: 1, stderr: 'tandem: person "zz" is not in people.csv\n' });
    expect((await runCli(['readiness', dir, '--person', 's1', '--level', 'SE9', ...AS_OF])).code).toBe(1);
    expect(await runCli(['evidence', dir, '--person', 's1', '--as-of', '2026-13-01'])).toMatchObject({ code: 1, stderr: 'tandem: --as-of "2026-13-01" is not a date (use YYYY-MM-DD, e.g. 2026-12-31)\n' });
  });
});

/** Runs people report on the fixture with `changes`; expects exit 2, these problems, and no report. */
async function rejects(changes: Record<string, string | undefined>, problems: string[]) {
  const dir = writeFixture(changes);
  const html = join(dir, 'report.html');
  const r = await runCli(['people', 'report', dir, ...AS_OF, '--html', html]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter((l) => /: (error|warning): /.test(l))).toEqual(problems);
  expect(r.stderr).toMatch(/nothing was written/);
  expect(existsSync(html)).toBe(false);
}

const replace = (file: string, from: string, to: string) => {
  const text = FILES[file] ?? LADDER_YAML;
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  return { [file]: text.replace(from, to) };
};

describe('broken ladders and people files', () => {
  it('rejects an unknown competency in the ladder', async () => {
    // Line 16 is SE1's first evaluation item.
    await rejects(replace('ladder.yaml', '{ competency: discovery, expectation: 1,', '{ competency: discvery, expectation: 1,'), [
      'ladder.yaml:16:levels[0].evaluation[0].competency: error: unknown competency "discvery" (competencies: discovery, ai)',
    ]);
  });

  it('rejects a level in two tracks', async () => {
    // Line 8 is the management track.
    await rejects(replace('ladder.yaml', 'levels: [M1] }', 'levels: [M1, SE3] }'), [
      'ladder.yaml:8:tracks[1].levels[1]: error: level "SE3" is in two tracks, "ic" and "management": a level belongs to one track',
    ]);
  });

  it('rejects a fork from a missing level', async () => {
    await rejects(replace('ladder.yaml', 'fork_from: SE2', 'fork_from: SE7'), ['ladder.yaml:8:tracks[1].fork_from: error: track "management" forks from level "SE7", which the ladder does not define']);
  });

  it('rejects a rating outside 0–5 and an unknown competency in assessments.csv', async () => {
    // Line 5 is s1's 2026-06-15 manager rating; line 6 the ai one.
    const text = (FILES['assessments.csv'] ?? '').replace('s1,2026-06-15,m1,manager,discovery,3,', 's1,2026-06-15,m1,manager,discovery,7,').replace('s1,2026-06-15,m1,manager,ai,1,', 's1,2026-06-15,m1,manager,a1,1,');
    await rejects({ 'assessments.csv': text }, [
      'assessments.csv:5:rating: error: "7" must be a milestone: a whole number from 0 to 5',
      'assessments.csv:6:competency: error: unknown competency "a1" (competencies: discovery, ai)',
    ]);
  });

  it('rejects a promotion to a level not in the ladder', async () => {
    // Line 5 is s3's promotion.
    await rejects(replace('level_history.csv', 's3,2026-03-01,SE2,SE3,promotion,', 's3,2026-03-01,SE2,SE9,promotion,'), [
      'level_history.csv:5:to_level: error: level "SE9" is not in the ladder (levels: SE1, SE2, SE3, M1)',
    ]);
  });

  it('rejects a conversation with an unknown path and person, and a band upside down', async () => {
    await rejects(
      {
        // A row with an invalid cell is reported for it alone; line 4 (m1's) names an unknown person.
        'conversations.csv': (FILES['conversations.csv'] ?? '').replace('s1,2026-01-10,m1,ic,', 's1,2026-01-10,m1,sideways,').replace('m1,2026-02-01,', 's9,2026-02-01,'),
        ...replace('bands.csv', 'SE2,us,USD,90000,100000,110000', 'SE2,us,USD,90000,100000,95000'),
      },
      [
        'bands.csv:2:base_max: error: base_max 95000 is below base_mid 100000',
        'conversations.csv:2:path: error: "sideways" is not a path: use ic, management, undecided',
        'conversations.csv:4:person_id: error: person "s9" is not in people.csv',
      ],
    );
  });

  it('asks for a ladder when there is none', async () => {
    const dir = writeFixture({ 'ladder.yaml': undefined, 'assessments.csv': undefined, 'bands.csv': undefined, 'level_history.csv': undefined, 'conversations.csv': undefined });
    const r = await runCli(['readiness', dir, '--person', 's1', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ladder.yaml:1:1: error: ladder.yaml is missing: evidence, readiness and people reports need the org's ladder (start from the default SE ladder with: tandem ladder init ${dir})`);
  });
});
