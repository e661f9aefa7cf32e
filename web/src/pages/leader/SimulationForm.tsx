/**
 * The trials and seed fields shared by the simulate and compare forms, and reading them from the
 * address: a run is in the address (plan, trials, seed), so it can be shared and reloaded.
 */
import { useId } from 'react';
import { DEFAULT_TRIALS, MAX_TRIALS } from './leader-api';

export const MAX_SEED = 2 ** 31 - 1;

/** A whole number in [min, max] from a field or the address, or undefined. */
export function wholeNumber(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d{1,10}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

export function trialsProblem(text: string): string | undefined {
  return wholeNumber(text, 1, MAX_TRIALS) === undefined ? `Trials must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}.` : undefined;
}

export function seedProblem(text: string): string | undefined {
  return wholeNumber(text, 0, MAX_SEED) === undefined ? `The seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}.` : undefined;
}

export function TrialsAndSeed({
  trials,
  seed,
  onTrials,
  onSeed,
  problems,
}: {
  readonly trials: string;
  readonly seed: string;
  readonly onTrials: (v: string) => void;
  readonly onSeed: (v: string) => void;
  readonly problems: { readonly trials?: string; readonly seed?: string };
}) {
  const id = useId();
  return (
    <>
      <div>
        <label htmlFor={`${id}-trials`}>Trials</label>
        <input
          id={`${id}-trials`}
          inputMode="numeric"
          value={trials}
          onChange={(e) => onTrials(e.target.value)}
          aria-describedby={`${id}-trials-hint${problems.trials === undefined ? '' : ` ${id}-trials-problem`}`}
          aria-invalid={problems.trials !== undefined}
          size={7}
        />
        <span id={`${id}-trials-hint`} className="leader-hint">
          {DEFAULT_TRIALS.toLocaleString('en-US')} answers in about a second; up to {MAX_TRIALS.toLocaleString('en-US')}.
        </span>
        {problems.trials !== undefined && (
          <span id={`${id}-trials-problem`} className="leader-field-problem">
            {problems.trials}
          </span>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-seed`}>Seed</label>
        <input
          id={`${id}-seed`}
          inputMode="numeric"
          value={seed}
          onChange={(e) => onSeed(e.target.value)}
          aria-describedby={`${id}-seed-hint${problems.seed === undefined ? '' : ` ${id}-seed-problem`}`}
          aria-invalid={problems.seed !== undefined}
          size={7}
        />
        <span id={`${id}-seed-hint`} className="leader-hint">
          The same seed gives the same result.
        </span>
        {problems.seed !== undefined && (
          <span id={`${id}-seed-problem`} className="leader-field-problem">
            {problems.seed}
          </span>
        )}
      </div>
    </>
  );
}
