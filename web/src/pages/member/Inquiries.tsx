/** /inquiries: the questions the person asked about their statement lines, newest first, with their status. */
import { useState } from 'react';
import { Link } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { period, when } from '../../format';
import { lineName, snapshotPeriod, useAllPages, type Inquiry } from './member-api';
import { StatusBadge } from './StatusBadge';
import { TableScroll } from '../../components/TableScroll';

const FILTERS = [
  { value: '', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'answered', label: 'Answered' },
  { value: 'resolved', label: 'Resolved' },
] as const;

export default function Inquiries() {
  const [status, setStatus] = useState('');
  const inquiries = useAllPages<Inquiry>(`/api/inquiries${status === '' ? '' : `?status=${status}`}`);
  return (
    <Page title="Your inquiries" subtitle="Questions you asked about a line of one of your statements, and their answers.">
      <div className="form-row member-filter">
        <div>
          <label htmlFor="inquiry-status">Show</label>
          <select id="inquiry-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {inquiries.problem !== undefined ? (
        <Problem problem={inquiries.problem} retry={inquiries.reload} />
      ) : inquiries.data === undefined ? (
        <Loading what="your inquiries" />
      ) : inquiries.data.length === 0 ? (
        <Empty title={status === '' ? 'You have not asked about any statement line yet.' : 'No inquiry has this status.'}>
          <p>
            To ask, open a statement on <Link href="/pay">My pay</Link> and use “Ask about this line” beside the line.
          </p>
        </Empty>
      ) : (
        <TableScroll label="Your inquiries">
          <table className="member-inquiries">
            <caption className="visually-hidden">Your inquiries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Inquiry</th>
                <th scope="col">Statement</th>
                <th scope="col">Status</th>
                <th scope="col">Asked</th>
              </tr>
            </thead>
            <tbody>
              {inquiries.data.map((i) => {
                const p = snapshotPeriod(i.line_snapshot);
                return (
                  <tr key={i.id} data-inquiry={i.id}>
                    <th scope="row">
                      <Link href={`/inquiries/${i.id}`}>
                        #{i.id}: {lineName(i.line)}
                      </Link>
                    </th>
                    <td>
                      <Link href={`/pay/statements/${i.statement_id}`}>{p === undefined ? `Statement ${i.statement_id}` : period(p)}</Link>
                    </td>
                    <td>
                      <StatusBadge status={i.status} />
                    </td>
                    <td>{when(i.created_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
