/**
 * Reading an org folder chosen in the browser into the `{ path: text }` map the import takes: a zip
 * of the folder (its files at the top or under one top-level folder), the folder itself, or files
 * picked one by one. Paths matter — plans live in plans/ — so a zip or a folder keeps its own, and
 * a YAML file picked alone that is not one of the folder's top-level files goes to plans/.
 * Nothing is checked here beyond "is it text": the server validates, and says where.
 */
import { unzipSync } from 'fflate';

/** The top-level YAML files of an org folder (src/io/load-org.ts ORG_FILES, src/io/career-schemas.ts). */
const TOP_LEVEL_YAML = new Set(['org.yaml', 'spiffs.yaml', 'recognition.yaml', 'ladder.yaml']);

export interface ReadFiles {
  /** path → text, in path order. */
  readonly files: Record<string, string>;
  /** Files that could not be read, with why (not UTF-8 text, a zip that does not open). */
  readonly unreadable: readonly string[];
  /** Entries left out on purpose: folders, hidden files, macOS resource forks. */
  readonly skipped: readonly string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isJunk(path: string): boolean {
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

/** Drops one folder every path starts with (a zip of "northwind/…"), unless org.yaml is at the top. */
function stripCommonFolder(paths: readonly string[]): (path: string) => string {
  if (paths.length === 0 || paths.includes('org.yaml')) return (p) => p;
  const first = paths[0]?.split('/')[0] ?? '';
  const shared = paths.every((p) => p.includes('/') && p.split('/')[0] === first);
  return shared ? (p) => p.slice(first.length + 1) : (p) => p;
}

function loosePath(name: string): string {
  return /\.ya?ml$/i.test(name) && !TOP_LEVEL_YAML.has(name) ? `plans/${name}` : name;
}

/** Reads what the admin chose (a zip, a folder's files, or loose files) into the import's file map. */
export async function readOrgFiles(chosen: readonly File[]): Promise<ReadFiles> {
  const entries: { path: string; bytes: Uint8Array }[] = [];
  const unreadable: string[] = [];
  const skipped: string[] = [];
  const fromFolder: { path: string; bytes: Uint8Array }[] = [];
  for (const file of chosen) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (/\.zip$/i.test(file.name)) {
      let unzipped: Record<string, Uint8Array>;
      try {
        unzipped = unzipSync(bytes);
      } catch {
        unreadable.push(`${file.name}: this zip could not be opened; make a new zip of the org folder and choose it again`);
        continue;
      }
      const inside = Object.keys(unzipped).filter((p) => {
        if (p.endsWith('/')) return false;
        if (isJunk(p)) {
          skipped.push(`${file.name}: ${p}`);
          return false;
        }
        return true;
      });
      const strip = stripCommonFolder(inside);
      for (const p of inside) entries.push({ path: strip(p), bytes: unzipped[p] ?? new Uint8Array() });
    } else if (file.webkitRelativePath !== '') {
      if (isJunk(file.webkitRelativePath)) skipped.push(file.webkitRelativePath);
      else fromFolder.push({ path: file.webkitRelativePath, bytes });
    } else {
      entries.push({ path: loosePath(file.name), bytes });
    }
  }
  const strip = stripCommonFolder(fromFolder.map((f) => f.path));
  for (const f of fromFolder) entries.push({ path: strip(f.path), bytes: f.bytes });
  const files: Record<string, string> = {};
  for (const { path, bytes } of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    try {
      files[path] = utf8.decode(bytes);
    } catch {
      unreadable.push(`${path}: not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and choose it again`);
    }
  }
  return { files, unreadable, skipped };
}
