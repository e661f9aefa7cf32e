/**
 * Accounts: who may sign in, with which role, as which person; create one, change its role (from
 * its next request on), disable one (its sessions end at once). Managers and members must be linked to a person of the current org.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, type ApiProblem } from '../../api';
import { Page } from '../../components/Page';
import { Empty, Loaded, Problem } from '../../components/States';
import { when } from '../../format';
import { useUser, type Role } from '../../session';
import { personLabel, useAll, type Person, type User } from './admin-api';
import { TableScroll } from '../../components/TableScroll';
import { ConfirmStep, problemOf } from './admin-ui';

const ROLES: readonly { value: Role; label: string; hint: string }[] = [
  { value: 'member', label: 'Member', hint: 'an SE or AE: their own pay and path' },
  { value: 'manager', label: 'Manager', hint: 'their reports and themselves' },
  { value: 'leader', label: 'Leader', hint: 'plans, the ladder, the people report' },
  { value: 'admin', label: 'Admin', hint: 'everything: imports, runs, inquiries, accounts, the audit log' },
];

export default function Users() {
  const users = useAll<User>('/api/users', 'The accounts');
  const people = useAll<Person>('/api/org/people', 'The people');
  const names = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p])), [people.data]);
  const me = useUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [personId, setPersonId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [made, setMade] = useState<string | undefined>(undefined);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setMade(undefined);
    try {
      const user = await api.post<User>('/api/users', { username: username.trim(), password, role, person_id: personId === '' ? null : personId });
      setMade(`Created the account ${user.username} (${user.role}). They can sign in now with the password you chose.`);
      setUsername('');
      setPassword('');
      setPersonId('');
      users.reload();
    } catch (err) {
      setProblem(problemOf(err, 'The account could not be created. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  const needsPerson = role === 'manager' || role === 'member';
  return (
    <Page title="Users" subtitle="Accounts, their roles and the people they are.">
      <form className="card" onSubmit={(e) => void create(e)} aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">Create an account</h2>
        <div className="form-row admin-top">
          <div>
            <label htmlFor="new-username">Username</label>
            <input id="new-username" required autoComplete="off" minLength={2} maxLength={64} value={username} onChange={(e) => setUsername(e.target.value)} aria-describedby="new-username-hint" />
            <span id="new-username-hint" className="admin-hint">
              2–64 letters, digits, “.”, “_”, “@” or “-”.
            </span>
          </div>
          <div>
            <label htmlFor="new-password">Password</label>
            <input id="new-password" type="password" required autoComplete="new-password" minLength={8} maxLength={1024} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="new-password-hint" />
            <span id="new-password-hint" className="admin-hint">
              At least 8 characters; tell it to them in person.
            </span>
          </div>
          <div>
            <label htmlFor="new-role">Role</label>
            <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby="new-role-hint">
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
            <span id="new-role-hint" className="admin-hint">
              {ROLES.find((r) => r.value === role)?.hint}
            </span>
          </div>
          <div className="admin-grow">
            <label htmlFor="new-person">Person</label>
            <select id="new-person" value={personId} onChange={(e) => setPersonId(e.target.value)} required={needsPerson} aria-describedby="new-person-hint">
              <option value="">{needsPerson ? 'Choose the person…' : 'Nobody (no pay of their own)'}</option>
              {(people.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id}, {p.role})
                </option>
              ))}
            </select>
            <span id="new-person-hint" className="admin-hint">
              {people.problem !== undefined ? people.problem.sentence : needsPerson ? 'Managers and members must be a person of the current org.' : 'Optional for leaders and admins.'}
            </span>
          </div>
        </div>
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create account'}
          </button>
        </div>
        {made !== undefined && (
          <p className="state" role="status">
            {made}
          </p>
        )}
        {problem !== undefined && <Problem problem={problem} />}
      </form>

      <h2>Accounts</h2>
      <Loaded state={users} what="the accounts">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No account yet.">Create one above.</Empty>
          ) : (
            <TableScroll className="admin-scroll" label="Accounts">
              <table className="admin-table admin-stack" data-testid="users-table">
                <caption className="visually-hidden">Accounts</caption>
                <thead>
                  <tr>
                    <th scope="col">Username</th>
                    <th scope="col">Role</th>
                    <th scope="col">Person</th>
                    <th scope="col">Created</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id} data-username={u.username}>
                      <th scope="row">{u.username}</th>
                      <td data-label="Role">{!u.disabled && u.id !== me.id ? <RoleChange user={u} onChanged={users.reload} /> : u.role}</td>
                      <td data-label="Person">{u.person_id === null ? <span className="muted">none</span> : personLabel(names, u.person_id)}</td>
                      <td data-label="Created">{when(u.created_at)}</td>
                      <td data-label="Status">{u.disabled ? <span className="badge bad">Disabled</span> : <span className="badge good">Active</span>}</td>
                      <td>
                        {!u.disabled && u.id !== me.id && (
                          <ConfirmStep
                            label={`Disable ${u.username}`}
                            question={`Disable ${u.username}? They are signed out now and cannot sign in again.`}
                            confirmLabel={`Yes, disable ${u.username}`}
                            onConfirm={async () => {
                              await api.post(`/api/users/${u.id}/disable`);
                              users.reload();
                            }}
                          />
                        )}
                        {u.id === me.id && <span className="muted">you</span>}
                      </td>
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

/** The role of another account, changed in place (the API refuses one's own and an unlinked member). */
function RoleChange({ user, onChanged }: { readonly user: User; readonly onChanged: () => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const change = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post<User>(`/api/users/${user.id}/role`, { role });
      onChanged();
    } catch (err) {
      setProblem(problemOf(err, 'The role could not be changed. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-role" onSubmit={(e) => void change(e)}>
      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
        Role of {user.username}
      </label>
      <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>{' '}
      {role !== user.role && (
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : `Make ${user.username} ${role}`}
        </button>
      )}
      {problem !== undefined && <Problem problem={problem} />}
    </form>
  );
}
