/** The inquiry queue: questions people asked about lines of their statements, by status, newest first. */
import { Link, useLocation, useSearch } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loaded } from '../../components/States';
import { when } from '../../format';
import { inquiryLineName, personLabel, useAll, usePeopleNames, type Inquiry } from './admin-api';
import { InquiryStatus } from './admin-ui';
import { TableScroll } from '../../components/TableScroll';

const FILTERS = [
  { value: 'open', label: 'Waiting for an answer' },
  { value: 'answered', label: 'Answered' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;

type Filter = (typeof FILTERS)[number]['value'];

function isFilter(s: string | null): s is Filter {
  return FILTERS.some((f) => f.value === s);
}

export default function Inquiries() {
  const search = new URLSearchParams(useSearch()).get('status');
  const status: Filter = isFilter(search) ? search : 'open';
  const [, navigate] = useLocation();
  const inquiries = useAll<Inquiry>(status === 'all' ? '/api/inquiries' : `/api/inquiries?status=${status}`, 'The inquiries');
  const names = usePeopleNames();
  const filterLabel = FILTERS.find((f) => f.value === status)?.label ?? '';

  return (
    <Page title="Inquiries" subtitle="Questions people asked about a line of their statement. Answer them, and resolve them — with an adjustment when the statement was wrong.">
      <div className="form-row admin-filter-row">
        <div>
          <label htmlFor="inquiry-status">Show</label>
          <select id="inquiry-status" value={status} onChange={(e) => navigate(`/admin/inquiries?status=${e.target.value}`)}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loaded state={inquiries} what="the inquiries">
        {(list) =>
          list.length === 0 ? (
            <Empty title={status === 'all' ? 'Nobody has asked anything yet.' : `No inquiry is in “${filterLabel}”.`}>
              {status === 'open' ? 'When someone asks about a line of their statement, it appears here. ' : ''}
              Choose another status above to see the others.
            </Empty>
          ) : (
            <TableScroll className="admin-scroll" label="Inquiries">
              <table className="admin-table admin-stack" data-testid="inquiries-table">
                <caption className="visually-hidden">Inquiries: {filterLabel}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Inquiry</th>
                    <th scope="col">Person</th>
                    <th scope="col">About</th>
                    <th scope="col">Status</th>
                    <th scope="col">Opened</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((i) => (
                    <tr key={i.id} data-inquiry-id={i.id}>
                      <th scope="row">
                        <Link href={`/admin/inquiries/${i.id}`}>Inquiry {i.id}</Link>
                      </th>
                      <td data-label="Person">{personLabel(names, i.person_id)}</td>
                      <td data-label="About">
                        {inquiryLineName(i.line)} (run {i.run_id})
                      </td>
                      <td data-label="Status">
                        <InquiryStatus status={i.status} />
                      </td>
                      <td data-label="Opened">{when(i.created_at)}</td>
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
