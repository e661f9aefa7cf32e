/** Helpers shared by the ladder lint rules. */
import type { Competency, Ladder, Level } from '../model.js';

/** `SE3 (Senior SE)`, or the id alone when the title is the id. */
export function levelLabel(level: Level): string {
  return level.title === level.id ? level.id : `${level.id} (${level.title})`;
}

/** A competency's name for messages: `Discovery and solution design (discovery)`. */
export function competencyLabel(ladder: Ladder, id: string): string {
  const c: Competency | undefined = ladder.competencies.find((x) => x.id === id);
  return c === undefined || c.name === id ? id : `${c.name} (${id})`;
}

/** Text with case and runs of whitespace normalised, for comparing bullets. */
export function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function quotedList(items: readonly string[]): string {
  const q = items.map((s) => `"${s}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1] ?? ''}`;
}

/** Text cut to `max` characters with an ellipsis. */
export function clip(text: string, max = 80): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
