import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/io/yaml.js';

describe('readYaml', () => {
  it('keeps numbers as their exact source text and makes only plain true/false booleans', () => {
    const y = readYaml('p.yaml', 'weight: 0.70\nrate: 1.5e3\nflag: true\nquoted: "true"\nyes: yes\nempty:\nnull_: ~\n');
    expect(y.problems).toEqual([]);
    expect(y.value).toEqual({ weight: '0.70', rate: '1.5e3', flag: true, quoted: 'true', yes: 'yes', empty: null, null_: null });
  });

  it('locates key paths: the key line for values, the item line for list items, the parent for missing keys', () => {
    const text = ['id: x', 'measures:', '  - id: a', '    tiers:', '      - { to: 1.0, rate: 1 }', '      - { rate: 2 }', '  - id: b', ''].join('\n');
    const y = readYaml('p.yaml', text);
    expect(y.lineOf(['measures'])).toBe(2);
    expect(y.lineOf(['measures', 0])).toBe(3);
    expect(y.lineOf(['measures', 0, 'tiers', 1, 'rate'])).toBe(6);
    expect(y.lineOf(['measures', 1, 'weight'])).toBe(7);
  });

  it('reports a duplicate key at the later key with its path', () => {
    const y = readYaml('p.yaml', 'a: 1\nb:\n  c: 1\n  c: 2\n');
    expect(y.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(['p.yaml:4:b.c']);
  });

  it('reports syntax errors at line and column', () => {
    const y = readYaml('p.yaml', 'id: x\nname: "a" b\n');
    expect(y.problems[0]).toMatchObject({ file: 'p.yaml', line: 2, severity: 'error' });
    expect(Number(y.problems[0]?.column)).toBeGreaterThan(0);
  });
});
