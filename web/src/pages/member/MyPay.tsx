/** /pay: the person's latest published statement explained, with their earlier ones a click away. */
import { PayStatements } from './PayStatements';

export default function MyPay() {
  return <PayStatements />;
}
