/**
 * Chart.js's UMD build, read from node_modules once per process so each report can inline it and
 * open with no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The Chart.js UMD source, safe to place inside a `<script>` element: its source-map comment is
 * dropped (the map is not shipped in the report) and any `</script` is written `<\/script`, which
 * means the same inside a JavaScript string, template or regular expression.
 */
export function chartLibrarySource(): string {
  if (cached === undefined) {
    // The package's exports map names no path to the UMD build, so resolve its main file and look beside it.
    const main = createRequire(import.meta.url).resolve('chart.js');
    const source = readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8');
    cached = source.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
  }
  return cached;
}
