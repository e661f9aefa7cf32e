/** Sign-in: username and password; a wrong one or too many attempts read as sentences. */
import { useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ApiProblem } from './api';
import { Problem } from './components/States';
import { useSession } from './session';

export function Login() {
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(username.trim(), password);
      const next = new URLSearchParams(search).get('next');
      navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unknown', 'Signing in failed. Try again.'));
      setBusy(false);
    }
  };

  return (
    <div className="login-card">
      <h1>Sign in to Tandem</h1>
      <p className="muted">Your pay, your path and your plans — every number explained.</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={problem ? 'login-problem' : undefined}>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {problem !== undefined && (
        <div id="login-problem">
          <Problem problem={problem} />
        </div>
      )}
    </div>
  );
}
