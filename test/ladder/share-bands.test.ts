/**
 * ladder.yaml `share_bands`: whether people see where their base pay sits in their level's band.
 * Private by default (absent: false); only a YAML boolean is accepted, with the file, line and key.
 */
import { describe, expect, it } from 'vitest';
import { defaultLadderYaml } from '../../src/core/ladder/default-ladder.js';
import { parseLadder } from '../../src/io/parse-career.js';

const MINI = (extra: string) => `id: mini
${extra}competencies:
  - { id: discovery }
tracks:
  - { id: ic, levels: [SE1] }
levels:
  - { id: SE1, track: ic }
`;

describe('ladder.yaml share_bands', () => {
  it('is false when absent (the default ladder does not share bands)', () => {
    expect(parseLadder('ladder.yaml', MINI('')).ladder?.shareBands).toBe(false);
    expect(parseLadder('ladder.yaml', defaultLadderYaml()).ladder?.shareBands).toBe(false);
  });

  it('reads true and false', () => {
    expect(parseLadder('ladder.yaml', MINI('share_bands: true\n')).ladder?.shareBands).toBe(true);
    expect(parseLadder('ladder.yaml', MINI('share_bands: false\n')).ladder?.shareBands).toBe(false);
  });

  it('refuses anything but a boolean, pointing at the line', () => {
    for (const value of ['"yes"', 'yes', '1', 'shared']) {
      const r = parseLadder('ladder.yaml', MINI(`share_bands: ${value}\n`));
      expect(r.ladder, value).toBeUndefined();
      expect(r.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message })), value).toEqual([{ file: 'ladder.yaml', line: 2, column: 'share_bands', message: 'must be true or false' }]);
    }
  });
});
