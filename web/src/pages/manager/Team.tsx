/**
 * /team: the manager's home — everyone reporting to them (directly or through their managers) at a
 * glance: their latest published pay, readiness for their next level, who is stuck at a level and
 * whose path conversation is due. Each name opens that person's pages as they see them.
 */
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loaded } from '../../components/States';
import { day, period } from '../../format';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { levelName, type Team as TeamJson, type TeamMember } from '../path/path-api';
import { TableScroll } from '../../components/TableScroll';
import { teamTitle } from './team-title';

type Filter = 'all' | 'stuck' | 'due' | 'ready' | 'gaps';

const FILTERS: readonly { readonly id: Filter; readonly label: string; readonly test: (m: TeamMember) => boolean }[] = [
  { id: 'all', label: 'Everyone', test: () => true },
  { id: 'stuck', label: 'Stuck at a level', test: (m) => m.stuck !== null },
  { id: 'due', label: 'Path conversation due', test: (m) => m.conversation.due },
  { id: 'ready', label: "Meeting the next level's minimums", test: (m) => m.readiness?.meets_minimums === true },
  { id: 'gaps', label: 'With gaps for the next level', test: (m) => m.readiness !== null && !m.readiness.meets_minimums },
];

export default function Team() {
  const team = useApi<TeamJson>('/api/team');
  const { user } = useSession();
  return (
    <Page title={user ? teamTitle(user) : 'My team'} subtitle={team.data === undefined ? undefined : subtitle(team.data)}>
      <Loaded state={team} what="your team">
        {(t) => (t.items.length === 0 ? <NoOne team={t} /> : <TeamTable team={t} />)}
      </Loaded>
    </Page>
  );
}

function subtitle(t: TeamJson): string {
  const who = t.manager === null ? 'Everyone in the org' : `Everyone reporting to ${t.manager.name}, directly or through their managers`;
  return `${who}, as of ${day(t.as_of)}.`;
}

function NoOne({ team }: { readonly team: TeamJson }) {
  return (
    <Empty title={team.manager === null ? 'The org has no one employed on this day.' : `No one reports to ${team.manager.name} in the current org version.`}>
      <p>Reports come from people.csv's manager_id. If someone is missing, ask a Tandem admin to check it and import the org again.</p>
    </Empty>
  );
}

function TeamTable({ team }: { readonly team: TeamJson }) {
  const [filter, setFilter] = useState<Filter>('all');
  const id = useId();
  const count = (f: Filter) => team.items.filter(FILTERS.find((x) => x.id === f)?.test ?? (() => false)).length;
  const shown = team.items.filter(FILTERS.find((x) => x.id === filter)?.test ?? (() => true));
  return (
    <>
      <ul className="team-stats" aria-label="The team at a glance">
        <li className="stat" data-testid="stat-people">
          <span className="label">People</span> <span className="value">{team.items.length}</span>
        </li>
        <li className="stat" data-testid="stat-stuck">
          <span className="label">Stuck at a level</span> <span className="value">{count('stuck')}</span>
        </li>
        <li className="stat" data-testid="stat-due">
          <span className="label">Path conversation due</span> <span className="value">{count('due')}</span>
        </li>
        <li className="stat" data-testid="stat-ready">
          <span className="label">Meeting the next level</span> <span className="value">{count('ready')}</span>
        </li>
      </ul>
      <div className="team-filter">
        <label htmlFor={`${id}-filter`}>Show</label>
        <select id={`${id}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          {FILTERS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label} ({count(f.id)})
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <Empty title="No one on the team matches.">
          <p>Choose "Everyone" to see the whole team.</p>
        </Empty>
      ) : (
        <TableScroll label="Team table">
          <table className="team-table" data-testid="team-table">
            <caption className="visually-hidden">Your team: pay, readiness and flags per person</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Latest pay</th>
                <th scope="col">Readiness for the next level</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <TeamRow key={m.person_id} m={m} months={team.settings.conversation_months} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="muted path-small">
        Stuck: {team.settings.stuck_years} years or more at one level while the ratings meet a next level (or exceed this one on every competency). A path conversation is due after{' '}
        {team.settings.conversation_months} months without one. Both follow the people report.
      </p>
    </>
  );
}

function TeamRow({ m, months }: { readonly m: TeamMember; readonly months: number }) {
  return (
    <tr data-person={m.person_id} data-stuck={m.stuck !== null} data-conversation-due={m.conversation.due}>
      <th scope="row">
        <Link href={`/team/${encodeURIComponent(m.person_id)}`}>{m.name}</Link>
        <span className="team-sub">
          {levelName(m.level_title, m.level)}
          {!m.direct && ' · through their manager'}
        </span>
      </th>
      <td data-testid="team-pay" data-label="Latest pay">
        {m.statements === null ? (
          <span className="muted">not yours to see</span>
        ) : m.statements.length === 0 ? (
          <span className="muted">none published</span>
        ) : (
          m.statements.map((s) => (
            <div key={s.statement_id} data-statement={s.statement_id}>
              <Link href={`/team/${encodeURIComponent(m.person_id)}/statements/${s.statement_id}`}>
                <Money amount={s.total} currency={s.currency} />
              </Link>
              <span className="team-sub">
                {period(s.period)}
                {m.statements !== null && m.statements.length > 1 && ` · ${s.plan}`}
              </span>
            </div>
          ))
        )}
      </td>
      <td data-testid="team-readiness" data-label="Readiness for the next level">
        {m.readiness === null ? (
          <span className="muted">{m.level_title === null ? 'Not on the career ladder' : 'Top of the track: growth is in scope and in the band'}</span>
        ) : m.readiness.meets_minimums ? (
          <span className="badge good" data-meets="true">
            Meets every {m.readiness.target_level} minimum
          </span>
        ) : (
          <>
            <span className="badge bad" data-meets="false" data-gaps={m.readiness.gaps}>
              {m.readiness.gaps} {m.readiness.gaps === 1 ? 'gap' : 'gaps'} for {m.readiness.target_level}
            </span>
            <span className="team-sub">{m.readiness.gap_names.join(', ')}</span>
          </>
        )}
      </td>
      <td data-testid="team-flags" data-label="Flags">
        {m.stuck !== null && (
          <div>
            <span className="badge warn" data-flag="stuck">
              Stuck at {m.level}
            </span>
            <span className="team-sub">{m.stuck.message}</span>
          </div>
        )}
        {m.conversation.due ? (
          <div>
            <span className="badge warn" data-flag="conversation-due">
              Conversation due
            </span>
            <span className="team-sub">{m.conversation.last === null ? 'none recorded' : `last ${day(m.conversation.last)}, over ${months} months ago`}</span>
          </div>
        ) : (
          <span className="team-sub">{m.conversation.last === null ? 'No path conversation recorded yet' : `Last path conversation ${day(m.conversation.last)}`}</span>
        )}
      </td>
    </tr>
  );
}
