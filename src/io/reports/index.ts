/** The HTML reports of `diagnose`, `simulate` and `compare` (`--html FILE`). */
export { diagnoseHtml } from './diagnose-html.js';
export { simulateHtml } from './simulate-html.js';
export { compareHtml } from './compare-html.js';
