/**
 * /team/:personId/statements/:id: one of a report's published statements explained in words — each
 * deal credited, each arithmetic step, SPIFs, adjustments, the total — as `tandem explain` prints it.
 */
import { Link, useParams } from 'wouter';
import type { z } from 'zod';
import type { explainSchema, statementSchema } from '../../../../src/server/schemas';
import { Money } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { period } from '../../format';
import { useApi } from '../../useApi';
import { ReportFrame, reportHref, type Person } from './ReportFrame';

type Statement = z.infer<typeof statementSchema>;
type Explain = z.infer<typeof explainSchema>;

export default function ReportStatement() {
  const { personId = '', id = '' } = useParams<{ personId: string; id: string }>();
  return (
    <ReportFrame personId={personId} section="a statement">
      {(p) => <Explained person={p} id={id} />}
    </ReportFrame>
  );
}

function Explained({ person, id }: { readonly person: Person; readonly id: string }) {
  const valid = /^[1-9]\d{0,14}$/.test(id);
  const statement = useApi<Statement>(valid ? `/api/statements/${id}` : null);
  const explain = useApi<Explain>(valid ? `/api/statements/${id}/explain?format=text` : null);
  const back = <Link href={`${reportHref(person.id)}/pay`}>Back to {person.name}'s pay</Link>;
  if (!valid) {
    return (
      <Empty title={`"${id}" is not a statement number.`}>
        <p>{back}.</p>
      </Empty>
    );
  }
  return (
    <Loaded state={statement} what="the statement">
      {(s) =>
        s.statement.person_id !== person.id ? (
          <Empty title={`Statement ${id} is not one of ${person.name}'s.`}>
            <p>{back}.</p>
          </Empty>
        ) : (
          <section className="card" aria-labelledby="explained-title" data-statement={s.id}>
            <h2 id="explained-title">
              {period(s.statement.period)} · {s.statement.plan} · total <Money amount={s.statement.total} currency={s.statement.currency} />
            </h2>
            <Loaded state={explain} what="the explanation">
              {(e) => (
                <div className="report-explain" role="region" aria-label="The statement explained" tabIndex={0}>
                  <pre data-testid="statement-explained">{e.text}</pre>
                </div>
              )}
            </Loaded>
            <p>{back}</p>
          </section>
        )
      }
    </Loaded>
  );
}
