/**
 * YAML reading with exact decimals and source positions.
 *
 * The document is parsed with the failsafe schema, so no scalar ever becomes a binary float:
 * `0.70` stays the string "0.70" and is parsed as an exact decimal later. Plain `true`/`false`
 * become booleans (the only booleans, as the spec says); plain empty, `~` and `null` become null.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Problem } from '../core/model.js';

export type YamlValue = string | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export interface YamlFile {
  readonly value: YamlValue;
  /** 1-based line for a key path (for a missing key: where its parent starts). */
  readonly lineOf: (path: readonly PropertyKey[]) => number;
  readonly problems: Problem[];
}

/** Formats a key path as the spec's `key.path` with lists indexed `[i]`: `measures[1].tiers[0].to`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(document)' : out;
}

/** Parses YAML text; syntax errors are `FILE:LINE:COL` problems, duplicate keys `FILE:LINE:key.path`. */
export function readYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false, prettyErrors: false });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ severity: 'error', file, line: pos.line, column: String(pos.col), message: `YAML syntax error: ${firstLine(e.message)}` });
  }
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (problems.length === 0) {
    walkMaps(doc.contents, [], (map, path) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          problems.push({ severity: 'error', file, line: lineAt(startOf(pair.key) ?? 0), column: formatPath([...path, key]), message: `duplicate key "${key}": a key may appear only once in a mapping` });
        }
        seen.add(key);
      }
    });
  }
  const value = problems.length > 0 ? null : toValue(doc.contents, doc);
  return {
    value,
    problems,
    lineOf: (path) => locate(doc, path, lineAt),
  };
}

function walkMaps(node: unknown, path: PropertyKey[], visit: (map: YAMLMap, path: PropertyKey[]) => void): void {
  if (isMap(node)) {
    visit(node, path);
    for (const pair of node.items) if (isScalar(pair.key)) walkMaps(pair.value, [...path, String(pair.key.value)], visit);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walkMaps(item, [...path, i], visit));
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function toValue(node: unknown, doc: Document): YamlValue {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toValue(node.resolve(doc), doc);
  if (isScalar(node)) {
    const v = node.value;
    const raw = typeof v === 'string' ? v : String(v);
    if (node.type === Scalar.PLAIN) {
      if (raw === '' || raw === '~' || raw === 'null') return null;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
    }
    return raw;
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item, doc));
  if (isMap(node)) {
    const out: { [key: string]: YamlValue } = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toValue(pair.value, doc);
    }
    return out;
  }
  return null;
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    if (range) return range[0];
  }
  return undefined;
}

function locate(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return lineAt(offset);
}
