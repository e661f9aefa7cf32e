/** /team/:personId: a report's path, as they see it on their own /path. */
import { useParams } from 'wouter';
import { PathView } from '../path/PathView';
import { ReportFrame, reportHref } from './ReportFrame';

export default function ReportPath() {
  const { personId = '' } = useParams<{ personId: string }>();
  return <ReportFrame personId={personId}>{(p) => <PathView base={{ personId: p.id, self: false, href: reportHref(p.id) }} />}</ReportFrame>;
}
