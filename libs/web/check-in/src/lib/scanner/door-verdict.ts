import { TOKEN_PATTERN } from '@foyer/contracts';
import { DoorAnswer } from '../data-access/check-in.models';

export type Tone = 'ok' | 'warn' | 'bad';

/** What the door shows for an answer: colour AND words, readable at arm's length. */
export interface DoorVerdict {
  readonly tone: Tone;
  readonly headline: string;
  readonly detail: string;
}

const seats = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** Maps an API answer to the door's verdict; `time` formats ISO instants for people. */
export function doorVerdict(
  answer: DoorAnswer,
  time: (iso: string) => string,
): DoorVerdict {
  const r = answer.reservation;
  const ref = r ? ` · ${r.reference}` : '';
  switch (answer.state) {
    case 'VALID':
      return {
        tone: 'ok',
        headline: 'VALID',
        detail: `Party of ${r ? seats(r.partySize) : '?'}${ref}. Confirm to admit.`,
      };
    case 'CHECKED_IN':
      return {
        tone: 'ok',
        headline: 'CHECKED IN',
        detail: `Admit ${r ? seats(r.partySize) : 'the party'}${ref}.`,
      };
    case 'ALREADY_CHECKED_IN':
      return {
        tone: 'warn',
        headline: 'ALREADY CHECKED IN',
        detail: `First checked in${answer.checkedInAt ? ` at ${time(answer.checkedInAt)}` : ''}${ref}. Do not admit again.`,
      };
    case 'CANCELLED':
      return {
        tone: 'bad',
        headline: 'CANCELLED',
        detail: `This booking was cancelled${ref}.`,
      };
    case 'WRONG_PERFORMANCE':
      return {
        tone: 'bad',
        headline: 'WRONG PERFORMANCE',
        detail: r?.performance.title
          ? `This ticket is for ${r.performance.title}${r.performance.startsAt ? `, ${time(r.performance.startsAt)}` : ''}.`
          : 'This ticket is for another performance.',
      };
    case 'OUTSIDE_WINDOW':
      return {
        tone: 'bad',
        headline: 'NOT OPEN',
        detail: `Check-in for this performance is not open now${ref}.`,
      };
    case 'NOT_CONFIRMED':
      return {
        tone: 'bad',
        headline: 'NOT CONFIRMED',
        detail: `This booking was never confirmed${ref}.`,
      };
    case 'TOKEN_INVALID':
      return {
        tone: 'bad',
        headline: 'INVALID TICKET',
        detail: 'Unknown or replaced QR code. Ask for the latest ticket email.',
      };
  }
}

/** A ticket token from a scan or a paste: the bare token, or the `#t=` of a ticket link. */
export function ticketToken(text: string): string | null {
  const trimmed = text.trim();
  const fragment = /#t=([A-Za-z0-9_-]+)/.exec(trimmed);
  const token = fragment ? fragment[1] : trimmed;
  return TOKEN_PATTERN.test(token) ? token : null;
}
