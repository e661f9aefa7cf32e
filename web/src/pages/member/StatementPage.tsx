/** /pay/statements/:id: one of the person's own published statements (anyone else's: not found). */
import { useParams } from 'wouter';
import { PayStatements } from './PayStatements';

export default function StatementPage() {
  const { id } = useParams<{ id: string }>();
  return <PayStatements key={id} selectedId={id} />;
}
