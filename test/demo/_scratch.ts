import { generateDemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { writeOrgFiles } from '../../src/io/write-org-files.js';
const dir = process.argv[2] ?? '/tmp/demo-std';
const size = (process.argv[3] ?? 'standard') as 'standard' | 'large';
const t0 = performance.now();
const written = await writeOrgFiles(dir, generateDemoOrg({ seed: 42, size, fiscalYear: 2026 }));
console.log(written, ((performance.now() - t0) / 1000).toFixed(2), 's', process.memoryUsage().rss / 1e6, 'MB rss');
