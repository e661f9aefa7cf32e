/** The app: the session, then either the sign-in page or the signed-in shell with its pages. */
import { Suspense } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { Layout } from './components/Layout';
import { Loading, Problem } from './components/States';
import { Page } from './components/Page';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Login } from './Login';
import { homeFor, mayOpen, ROUTES } from './routes';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { user, problem } = useSession();
  const [location] = useLocation();
  if (user === undefined) return <Loading what="Tandem" />;
  if (user === null) {
    if (location !== '/login') return <Redirect to={`/login${location === '/' ? '' : `?next=${encodeURIComponent(location)}`}`} replace />;
    return (
      <main id="main" className="login-main">
        {problem !== undefined && <Problem problem={problem} />}
        <Login />
      </main>
    );
  }
  return (
    <Layout user={user}>
      <ErrorBoundary key={location}>
        <Suspense fallback={<Loading what="the page" />}>
          <Switch>
            <Route path="/">
              <Redirect to={homeFor(user)} replace />
            </Route>
            <Route path="/login">
              <Redirect to={homeFor(user)} replace />
            </Route>
            {ROUTES.filter((r) => mayOpen(r, user)).map((r) => (
              <Route key={r.path} path={r.path} component={r.component} />
            ))}
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

function NotFound() {
  return (
    <Page title="Not found">
      <p>There is no such page, or it is not one you may open. Use the navigation to find your way.</p>
    </Page>
  );
}
