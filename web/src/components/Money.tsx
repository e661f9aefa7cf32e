/** An amount of money from the API's exact decimal string, formatted for the reader. */
import { money } from '../format';

export function Money({ amount, currency, className }: { readonly amount: string; readonly currency: string; readonly className?: string }) {
  const negative = amount.startsWith('-');
  return (
    <span className={`money${negative ? ' negative' : ''}${className === undefined ? '' : ` ${className}`}`} data-amount={amount} data-currency={currency}>
      {money(amount, currency)}
    </span>
  );
}
