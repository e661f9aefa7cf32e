/**
 * `tandem ladder init` and `tandem ladder lint` end to end: files written and refused, the JSON
 * contract, a ladder.yaml path, --fail-on, and invalid input (exit 2, FILE:LINE:COLUMN, no stdout).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBandsCsv, defaultLadderYaml } from '../../src/core/ladder/default-ladder.js';
import type { LadderLintJson } from '../../src/core/ladder/lint/index.js';
import { runCli } from '../support/run-cli.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tandem-ladder-'));
}

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** A valid one-level ladder with no management track, no AI competency and no bands. */
const SMALL_LADDER = lines(
  'id: small', //                                                             1
  'competencies:', //                                                         2
  '  - { id: discovery, name: Discovery, group: technical_win }', //          3
  'tracks:', //                                                               4
  '  - { id: ic, levels: [SE1] }', //                                         5
  'levels:', //                                                               6
  '  - id: SE1', //                                                           7
  '    track: ic', //                                                         8
  '    grade: 5', //                                                          9
  '    new_at_this_level: [Runs standard demos]', //                         10
  '    evaluation:', //                                                      11
  '      - competency: discovery', //                                        12
  '        expectation: 1', //                                               13
  '        behaviours: [Runs first calls]', //                               14
  '        evidence: [{ type: deals_supported, at_least: 10, window_quarters: 4 }]', // 15
  '    path_forward: { top_of_band: The only level of this ladder }', //     16
);

describe('tandem ladder init', () => {
  it('writes the default ladder.yaml and bands.csv into a new folder and says what to run next', async () => {
    const dir = join(tempDir(), 'org', 'career');
    const out = await runCli(['ladder', 'init', dir]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(readFileSync(join(dir, 'ladder.yaml'), 'utf8')).toBe(defaultLadderYaml());
    expect(readFileSync(join(dir, 'bands.csv'), 'utf8')).toBe(defaultBandsCsv());
    expect(out.stdout).toContain(`wrote ${join(dir, 'ladder.yaml')}`);
    expect(out.stdout).toContain(`wrote ${join(dir, 'bands.csv')}`);
    expect(out.stdout).toContain(`next: tandem ladder lint ${dir}`);
  });

  it('refuses to overwrite, listing what exists, unless --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bands.csv'), 'mine\n');
    const refused = await runCli(['ladder', 'init', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`tandem: ${join(dir, 'bands.csv')} already exists; nothing was written (use --force to overwrite)\n`);
    expect(existsSync(join(dir, 'ladder.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'bands.csv'), 'utf8')).toBe('mine\n');

    expect((await runCli(['ladder', 'init', dir, '--force'])).code).toBe(0);
    expect(readFileSync(join(dir, 'bands.csv'), 'utf8')).toBe(defaultBandsCsv());

    const again = await runCli(['ladder', 'init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${join(dir, 'ladder.yaml')} and ${join(dir, 'bands.csv')} already exist`);
  });
});

describe('tandem ladder lint', () => {
  it('lints the folder ladder init wrote: JSON with zero findings', async () => {
    const dir = tempDir();
    await runCli(['ladder', 'init', dir]);
    const out = await runCli(['ladder', 'lint', dir, '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ ladder: 'se-ladder', findings: [] });
    const text = await runCli(['ladder', 'lint', dir]);
    expect(text.stdout).toBe('se-ladder: 8 levels in 2 tracks, 8 competencies; no findings.\n');
  });

  it('lints a ladder.yaml path, reading bands.csv beside it when there is one', async () => {
    const dir = tempDir();
    await runCli(['ladder', 'init', dir]);
    const withBands = await runCli(['ladder', 'lint', join(dir, 'ladder.yaml'), '--json']);
    expect(JSON.parse(withBands.stdout)).toEqual({ ladder: 'se-ladder', findings: [] });

    const alone = join(tempDir(), 'my-ladder.yaml');
    writeFileSync(alone, defaultLadderYaml());
    const out = await runCli(['ladder', 'lint', alone, '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as LadderLintJson;
    expect(json.findings.map((f) => Object.keys(f).sort())).toEqual([['fix', 'message', 'rule', 'severity', 'why']]);
    expect(json.findings[0]).toMatchObject({ rule: 'bands', severity: 'medium', message: 'Bands missing: ladder se-ladder has no bands.csv, so none of its 8 levels has a pay band.' });
  });

  it('prints findings as text grouped by severity after a summary line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ladder.yaml'), SMALL_LADDER);
    const out = await runCli(['ladder', 'lint', dir]);
    expect(out.code).toBe(0);
    const text = out.stdout.split('\n');
    // no management track (high); no AI competency (medium); no bands.csv (medium).
    expect(text[0]).toBe('small: 1 level in 1 track, 1 competency; 3 findings (1 high, 2 medium, 0 low, 0 info).');
    expect(text.filter((l) => /^[A-Z]+ \(\d+\)$/.test(l))).toEqual(['HIGH (1)', 'MEDIUM (2)']);
    expect(text.filter((l) => /^ {2}[a-z-]+/.test(l)).map((l) => l.split(':')[0])).toEqual(['  single-path', '  no-ai-signal', '  bands']);
    expect(out.stdout).toContain('      why: ');
    expect(out.stdout).toContain('      fix: ');
  });

  it('--fail-on exits 3 when a finding at or above the severity exists', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ladder.yaml'), SMALL_LADDER);
    const medium = await runCli(['ladder', 'lint', dir, '--json', '--fail-on', 'medium']);
    expect(medium.code).toBe(3);
    expect((JSON.parse(medium.stdout) as LadderLintJson).findings.map((f) => [f.rule, f.severity])).toEqual([
      ['single-path', 'high'],
      ['no-ai-signal', 'medium'],
      ['bands', 'medium'],
    ]);
    expect((await runCli(['ladder', 'lint', dir, '--fail-on', 'high'])).code).toBe(3);
    // The default ladder has no finding at all: even --fail-on info exits 0.
    const clean = tempDir();
    await runCli(['ladder', 'init', clean]);
    expect((await runCli(['ladder', 'lint', clean, '--fail-on', 'info'])).code).toBe(0);
    const bad = await runCli(['ladder', 'lint', dir, '--fail-on', 'severe']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('tandem: --fail-on "severe" is not a severity: use high, medium, low, info\n');
  });

  it('--fail-on high exits 0 when the worst finding is medium', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ladder.yaml'), defaultLadderYaml());
    // No bands.csv: one medium finding only.
    expect((await runCli(['ladder', 'lint', dir, '--fail-on', 'high'])).code).toBe(0);
    expect((await runCli(['ladder', 'lint', dir, '--fail-on', 'low'])).code).toBe(3);
  });

  it('is a usage error (exit 1) for a missing path or a folder without ladder.yaml', async () => {
    const dir = tempDir();
    const none = await runCli(['ladder', 'lint', join(dir, 'nope')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('does not exist');
    const empty = await runCli(['ladder', 'lint', dir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(`tandem: ${dir} has no ladder.yaml (run tandem ladder init ${dir} to write the default ladder)\n`);
  });
});

describe('tandem ladder lint on invalid input', () => {
  async function lintText(ladder: string, bands?: string, name = 'ladder.yaml') {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), ladder);
    if (bands !== undefined) writeFileSync(join(dir, 'bands.csv'), bands);
    const out = await runCli(['ladder', 'lint', name === 'ladder.yaml' ? dir : join(dir, name), '--json']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    return out.stderr.split('\n').filter((l) => l !== '');
  }

  const UNKNOWN_COMPETENCY = lines(
    'id: bad', //                                      1
    'competencies:', //                                2
    '  - { id: discovery }', //                        3
    'tracks:', //                                      4
    '  - { id: ic, levels: [SE1] }', //                5
    'levels:', //                                      6
    '  - id: SE1', //                                  7
    '    track: ic', //                                8
    '    evaluation:', //                              9
    '      - competency: discvery', //                10
    '        expectation: 1', //                      11
  );

  it('an unknown competency in an evaluation', async () => {
    const err = await lintText(UNKNOWN_COMPETENCY);
    expect(err[0]).toBe('ladder.yaml:10:levels[0].evaluation[0].competency: error: unknown competency "discvery" (competencies: discovery)');
    expect(err).toHaveLength(2);
    expect(err[1]).toMatch(/^tandem: 1 error in .*; nothing was written\.$/);
  });

  it('names the ladder file as given', async () => {
    const err = await lintText(UNKNOWN_COMPETENCY, undefined, 'my-ladder.yaml');
    expect(err[0]).toBe('my-ladder.yaml:10:levels[0].evaluation[0].competency: error: unknown competency "discvery" (competencies: discovery)');
  });

  it('a level in two tracks', async () => {
    const err = await lintText(
      lines(
        'id: bad', //                                      1
        'competencies:', //                                2
        '  - { id: discovery }', //                        3
        'tracks:', //                                      4
        '  - { id: ic, levels: [SE1, SE2] }', //           5
        '  - { id: management, levels: [SE2, M1] }', //    6
        'levels:', //                                      7
        '  - { id: SE1, track: ic }', //                   8
        '  - { id: SE2, track: ic }', //                   9
        '  - { id: M1, track: management }', //           10
      ),
    );
    expect(err.slice(0, -1)).toEqual(['ladder.yaml:6:tracks[1].levels[0]: error: level "SE2" is in two tracks, "ic" and "management": a level belongs to one track']);
  });

  it('a fork from a missing level', async () => {
    const err = await lintText(
      lines(
        'id: bad', //                                                 1
        'competencies:', //                                           2
        '  - { id: discovery }', //                                   3
        'tracks:', //                                                 4
        '  - { id: ic, levels: [SE1] }', //                           5
        '  - { id: management, fork_from: SE9, levels: [M1] }', //    6
        'levels:', //                                                 7
        '  - { id: SE1, track: ic }', //                              8
        '  - { id: M1, track: management }', //                       9
      ),
    );
    expect(err.slice(0, -1)).toEqual(['ladder.yaml:6:tracks[1].fork_from: error: track "management" forks from level "SE9", which the ladder does not define']);
  });

  it('every problem at once, in line order', async () => {
    const err = await lintText(
      lines(
        'id: bad', //                                                 1
        'competencies:', //                                           2
        '  - { id: discovery }', //                                   3
        'tracks:', //                                                 4
        '  - { id: ic, levels: [SE1, M1] }', //                       5
        '  - { id: management, fork_from: SE9, levels: [M1] }', //    6
        'levels:', //                                                 7
        '  - id: SE1', //                                             8
        '    track: ic', //                                           9
        '    evaluation: [{ competency: demo, expectation: 2 }]', // 10
        '  - { id: M1, track: management }', //                      11
      ),
    );
    expect(err).toEqual([
      'ladder.yaml:6:tracks[1].fork_from: error: track "management" forks from level "SE9", which the ladder does not define',
      'ladder.yaml:6:tracks[1].levels[0]: error: level "M1" is in two tracks, "ic" and "management": a level belongs to one track',
      'ladder.yaml:10:levels[0].evaluation[0].competency: error: unknown competency "demo" (competencies: discovery)',
      'ladder.yaml:11:levels[1].track: error: level "M1" says track "management" but is listed in track "ic"',
      expect.stringMatching(/^tandem: 4 errors in .*; nothing was written\.$/),
    ]);
  });

  it('a bad bands.csv beside a valid ladder', async () => {
    const err = await lintText(SMALL_LADDER, lines('level,location,currency,base_min,base_mid,base_max', 'SE1,,USD,100000,90000,120000', 'SE9,,USD,1,2,3'));
    expect(err.slice(0, -1)).toEqual([
      'bands.csv:2:base_mid: error: base_mid 90000 is below base_min 100000',
      'bands.csv:3:level: error: level "SE9" is not in the ladder (levels: SE1)',
    ]);
  });
});
