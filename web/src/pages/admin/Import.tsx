/**
 * Importing an org: choose a zip of the org folder, the folder, or its files; the server checks them
 * exactly as an import would and stores nothing (POST /api/org/import/preview) — every problem by
 * file:line:column, what the files hold, what changes against the current version — and only then
 * "Store this version" imports them. Below, the versions stored so far.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import { api, type ApiProblem } from '../../api';
import { Page } from '../../components/Page';
import { Empty, Loaded, Problem } from '../../components/States';
import { period as periodLabel, when } from '../../format';
import { useAll, where, type FileProblem, type ImportPreview, type ImportResult, type Version } from './admin-api';
import { problemOf } from './admin-ui';
import { readOrgFiles, type ReadFiles } from './org-files';
import { TableScroll } from '../../components/TableScroll';

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'checked'; readonly read: ReadFiles; readonly preview: ImportPreview }
  | { readonly kind: 'stored'; readonly result: ImportResult; readonly read: ReadFiles };

export default function Import() {
  const versions = useAll<Version>('/api/org/versions', 'The org versions');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [unreadable, setUnreadable] = useState<readonly string[]>([]);
  const [note, setNote] = useState('');
  const [storing, setStoring] = useState(false);
  const reportRef = useRef<HTMLElement>(null);
  const folderProps = { webkitdirectory: '', directory: '' } as Record<string, string>;
  const filesId = useId();
  const folderId = useId();
  // Once the check (or the store) is shown, focus goes to it: keyboard and screen-reader users land on the result.
  useEffect(() => {
    if (stage.kind === 'checked' || stage.kind === 'stored') reportRef.current?.focus();
  }, [stage]);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = '';
    if (chosen.length === 0) return;
    setProblem(undefined);
    setUnreadable([]);
    setStage({ kind: 'reading' });
    try {
      const read = await readOrgFiles(chosen);
      setUnreadable(read.unreadable);
      if (Object.keys(read.files).length === 0) {
        setStage({ kind: 'idle' });
        setProblem(problemOf(undefined, 'No file of an org folder was found in what you chose. Choose a zip of the org folder, the folder, or its files (org.yaml, people.csv, deals.csv, plans/*.yaml, …).'));
        return;
      }
      const preview = await api.post<ImportPreview>('/api/org/import/preview', { files: read.files });
      setStage({ kind: 'checked', read, preview });
    } catch (err) {
      setStage({ kind: 'idle' });
      setProblem(problemOf(err, 'The files could not be checked. Try again.'));
    }
  };

  const store = async (read: ReadFiles) => {
    setStoring(true);
    setProblem(undefined);
    try {
      const result = await api.post<ImportResult>('/api/org/import', { files: read.files, note: note.trim() });
      setStage({ kind: 'stored', result, read });
      setNote('');
      versions.reload();
    } catch (err) {
      setProblem(problemOf(err, 'The files could not be stored. Try again.'));
    } finally {
      setStoring(false);
    }
  };

  return (
    <Page title="Import an org" subtitle="Check an org folder before it is stored: every problem by file, line and column, and what would change.">
      <section className="card" aria-labelledby="choose-heading">
        <h2 id="choose-heading">1. Choose the org folder</h2>
        <p className="muted">Nothing is stored when you choose: Tandem checks the files and shows you the result first.</p>
        <div className="admin-upload-choices">
          <div>
            <label htmlFor={filesId}>A zip of the folder, or its files</label>
            <input id={filesId} type="file" multiple accept=".zip,.csv,.yaml,.yml,application/zip" onChange={(e) => void choose(e)} aria-describedby="files-hint" />
            <p id="files-hint" className="admin-hint">
              A zip may hold the files at its top or inside one folder. Plan files chosen one by one go to plans/.
            </p>
          </div>
          <div>
            <label htmlFor={folderId}>Or the folder itself</label>
            <input id={folderId} type="file" {...folderProps} onChange={(e) => void choose(e)} />
          </div>
        </div>
        {stage.kind === 'reading' && (
          <p className="state state-loading" role="status">
            Reading and checking the files…
          </p>
        )}
        {unreadable.length > 0 && (
          <div className="state state-problem" role="alert">
            <p className="state-title">Some files could not be read, so they were left out:</p>
            <ul className="problem-details">
              {unreadable.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </div>
        )}
        {problem !== undefined && <Problem problem={problem} />}
      </section>

      {stage.kind === 'checked' && <Report preview={stage.preview} read={stage.read} reportRef={reportRef} note={note} setNote={setNote} storing={storing} onStore={() => void store(stage.read)} />}

      {stage.kind === 'stored' && (
        <section className="card admin-focus-target" aria-labelledby="stored-heading" tabIndex={-1} ref={reportRef}>
          <h2 id="stored-heading">Stored</h2>
          <p role="status" data-testid="stored">
            {stage.result.unchanged
              ? `These files are already the current version (version ${stage.result.version_id}): nothing new was stored.`
              : `Stored as org version ${stage.result.version_id}. New runs calculate on it; runs already made keep the version they were calculated on.`}
          </p>
        </section>
      )}

      <h2>Versions</h2>
      <Loaded state={versions} what="the org versions">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No org has been imported yet.">Choose an org folder above to store the first version.</Empty>
          ) : (
            <TableScroll className="admin-scroll" label="Org versions">
              <table className="admin-table admin-stack" data-testid="versions-table">
                <caption className="visually-hidden">Org versions, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Stored</th>
                    <th scope="col">Org</th>
                    <th scope="col" className="num">
                      Files
                    </th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((v, i) => (
                    <tr key={v.id} data-version-id={v.id}>
                      <th scope="row">
                        {v.id} {i === 0 && <span className="badge good">current</span>}
                      </th>
                      <td data-label="Stored">{when(v.created_at)}</td>
                      <td data-label="Org">{v.org_name}</td>
                      <td data-label="Files" className="num">{v.file_count}</td>
                      <td data-label="Note" className="admin-wide">{v.note === '' ? <span className="muted">no note</span> : v.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Loaded>
    </Page>
  );
}

function Report({
  preview,
  read,
  reportRef,
  note,
  setNote,
  storing,
  onStore,
}: {
  readonly preview: ImportPreview;
  readonly read: ReadFiles;
  readonly reportRef: RefObject<HTMLElement | null>;
  readonly note: string;
  readonly setNote: (s: string) => void;
  readonly storing: boolean;
  readonly onStore: () => void;
}) {
  const errors = preview.problems.filter((p) => p.severity === 'error');
  const warnings = preview.problems.filter((p) => p.severity === 'warning');
  const { changes, summary } = preview;
  const paths = Object.keys(read.files);
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const grouped = new Map<string, FileProblem[]>();
  for (const p of preview.problems) grouped.set(p.file, [...(grouped.get(p.file) ?? []), p]);
  const byFile = [...grouped];
  const counts = (list: readonly FileProblem[]) => {
    const e = list.filter((p) => p.severity === 'error').length;
    const w = list.length - e;
    return [e > 0 ? plural(e, 'error') : '', w > 0 ? plural(w, 'warning') : ''].filter((x) => x !== '').join(', ');
  };
  return (
    <section className="card admin-focus-target" aria-labelledby="report-heading" tabIndex={-1} ref={reportRef} data-testid="import-report">
      <h2 id="report-heading">2. The check</h2>
      {preview.valid ? (
        <p className="admin-verdict good" data-testid="verdict">
          These files are valid{warnings.length > 0 ? `, with ${plural(warnings.length, 'warning')} to read` : ''}. Nothing has been stored yet.
        </p>
      ) : (
        <p className="admin-verdict bad" data-testid="verdict">
          {plural(errors.length, 'problem')} must be fixed before these files can be stored{warnings.length > 0 ? ` (and ${plural(warnings.length, 'warning')})` : ''}. Nothing was stored: fix them in the files and choose them again.
        </p>
      )}
      <details>
        <summary>{plural(paths.length, 'file')} read</summary>
        <ul className="admin-file-list">
          {paths.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
        {read.skipped.length > 0 && <p className="muted">Left out: {read.skipped.join(', ')}</p>}
      </details>

      {preview.problems.length > 0 && (
        <>
          <h3>Problems</h3>
          {byFile.length > 1 && (
            <>
              <p className="muted">One mistake can cause others (a row that does not read leaves its person out of the files that name them): fix the first ones in each file, then choose the files again.</p>
              <ul className="admin-problem-files" data-testid="problem-files">
                {byFile.map(([file, list]) => (
                  <li key={file}>
                    <a href={`#${anchor(file)}`}>
                      <code>{file}</code>
                    </a>
                    : {counts(list)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {byFile.map(([file, list]) => (
            <section key={file} className="admin-file-problems" aria-labelledby={anchor(file)}>
              <h4 id={anchor(file)} tabIndex={-1}>
                <code>{file}</code> — {counts(list)}
              </h4>
              <TableScroll className="admin-scroll" label={`Problems in ${file}`}>
                <table className="admin-table admin-stack" data-testid="problems">
                  <thead>
                    <tr>
                      <th scope="col">Where</th>
                      <th scope="col">Severity</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((p, i) => (
                      <tr key={i} data-severity={p.severity}>
                        <th scope="row">
                          <code>{where(p)}</code>
                        </th>
                        <td data-label="Severity">
                          <span className={`badge ${p.severity === 'error' ? 'bad' : 'warn'}`}>{p.severity}</span>
                        </td>
                        <td data-label="Problem" className="admin-wide">{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </section>
          ))}
        </>
      )}

      {summary !== null && (
        <>
          <h3>What the files hold</h3>
          <dl className="admin-facts" data-testid="summary">
            <dt>Org</dt>
            <dd>
              {summary.org_name} ({summary.currency})
            </dd>
            <dt>People</dt>
            <dd data-testid="summary-people">{summary.people}</dd>
            <dt>Deals</dt>
            <dd data-testid="summary-deals">{summary.deals}</dd>
            <dt>Plans</dt>
            <dd>
              {summary.plans.map((p, i) => (
                <span key={p.file}>
                  {i > 0 && ', '}
                  {p.name} (<code>{p.file}</code>)
                </span>
              ))}
            </dd>
            <dt>Payout periods</dt>
            <dd>{summary.periods.length === 0 ? 'none' : summary.periods.map(periodLabel).join(', ')}</dd>
          </dl>
        </>
      )}

      <h3>Against the current version{changes.base_version_id === null ? '' : ` (version ${changes.base_version_id})`}</h3>
      {changes.unchanged ? (
        <p data-testid="unchanged">These files are exactly the current version: storing them would change nothing.</p>
      ) : (
        <ul className="admin-change-list" data-testid="changes">
          <ChangeItem label="Files added" items={changes.files.added} />
          <ChangeItem label="Files changed" items={changes.files.changed} />
          <ChangeItem label="Files removed" items={changes.files.removed} />
          {changes.people !== null && (
            <>
              <ChangeItem label="People added" items={changes.people.added.map((p) => `${p.name} (${p.id})`)} />
              <ChangeItem label="People removed" items={changes.people.removed.map((p) => `${p.name} (${p.id})`)} />
              <ChangeItem label="People changed" items={changes.people.changed.map((p) => `${p.name} (${p.id}): ${p.fields.join(', ')}`)} />
            </>
          )}
        </ul>
      )}

      {preview.valid && !changes.unchanged && (
        <>
          <h3>3. Store it</h3>
          <label htmlFor="import-note">Note for this version (optional)</label>
          <input id="import-note" className="admin-wide-input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What changed, and why" />
          <div className="admin-form-actions">
            <button type="button" className="primary" disabled={storing} onClick={onStore}>
              {storing ? 'Storing…' : 'Store this version'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** An id for a file's problems: "plans/se.yaml" → "problems-plans-se-yaml". */
function anchor(file: string): string {
  return `problems-${file.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function ChangeItem({ label, items }: { readonly label: string; readonly items: readonly string[] }) {
  return (
    <li data-change={label}>
      <strong>{label}:</strong> {items.length === 0 ? <span className="muted">none</span> : items.join(', ')}
    </li>
  );
}
