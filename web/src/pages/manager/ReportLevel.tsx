/** /team/:personId/levels/:id: one level of the ladder with a report's ratings and evidence against it. */
import { useParams } from 'wouter';
import { LevelView } from '../path/LevelView';
import { ReportFrame, reportHref } from './ReportFrame';

export default function ReportLevel() {
  const { personId = '', id = '' } = useParams<{ personId: string; id: string }>();
  return (
    <ReportFrame personId={personId} section={`what ${id} expects`}>
      {(p) => <LevelView base={{ personId: p.id, self: false, href: reportHref(p.id) }} levelId={id} />}
    </ReportFrame>
  );
}
