/**
 * The frame of a report's pages (/team/:personId/…): their name, where they sit, and the two views
 * a manager has of them — their path and their pay, as they see them. Someone outside the team
 * (an edited URL) gets the not-found state and none of their data.
 */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import type { personSchema } from '../../../../src/server/schemas';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { teamTitle } from './team-title';

export type Person = z.infer<typeof personSchema>;

export function reportHref(personId: string): string {
  return `/team/${encodeURIComponent(personId)}`;
}

export function ReportFrame({ personId, section, children }: { readonly personId: string; readonly section?: string; readonly children: (person: Person) => ReactNode }) {
  const person = useApi<Person>(`/api/org/people/${encodeURIComponent(personId)}`);
  const [location] = useLocation();
  const { user } = useSession();
  if (person.problem !== undefined) {
    if (person.problem.status === 404) {
      return (
        <Page title="Not in your team">
          <Empty title={`There is no one with the id "${personId}" in your team.`}>
            <p>
              You can open the pages of the people who report to you. <Link href="/team">Back to your team</Link>.
            </p>
          </Empty>
        </Page>
      );
    }
    return (
      <Page title="A report's pages">
        <Problem problem={person.problem} retry={person.reload} />
      </Page>
    );
  }
  if (person.data === undefined) {
    return (
      <Page title="A report's pages">
        <Loading what="their pages" />
      </Page>
    );
  }
  const p = person.data;
  const base = reportHref(p.id);
  const tabs = [
    { href: base, label: 'Path', current: location === base || location.startsWith(`${base}/levels/`) },
    { href: `${base}/pay`, label: 'Pay', current: location === `${base}/pay` || location.startsWith(`${base}/statements/`) },
  ];
  return (
    <Page title={section === undefined ? p.name : `${p.name}: ${section}`} subtitle={`${p.role} · ${p.level} · the pages as ${p.name} sees them`}>
      <nav aria-label="Breadcrumb" className="path-breadcrumb">
        <Link href="/team">{user ? teamTitle(user) : 'My team'}</Link> › <span aria-current="page">{p.name}</span>
      </nav>
      <nav aria-label={`${p.name}'s pages`} className="report-tabs">
        <ul>
          {tabs.map((t) => (
            <li key={t.href}>
              <Link href={t.href} aria-current={t.current ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children(p)}
    </Page>
  );
}
