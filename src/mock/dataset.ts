// The mock's seeded data: three linked accounts with 0, 7 and 1,000 pending invitations.
// Content comes from SHA-256 of (seed, account, position), so a seed always gives the same data;
// the optional shapes rotate by position so that any 7 consecutive items show all of them.
import { createHash } from 'node:crypto';
import type { components } from '../../generated/schema.js';

export type InvitationSent = components['schemas']['InvitationSent'];

export const MOCK_DEFAULT_SEED = 20260527;

export const MOCK_ACCOUNTS = {
  empty: 'acc_linkedin_empty',
  small: 'acc_linkedin_seven',
  large: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
} as const;

/** Pending invitations per account. */
export const MOCK_ACCOUNT_SIZES: Readonly<Record<string, number>> = {
  [MOCK_ACCOUNTS.empty]: 0,
  [MOCK_ACCOUNTS.small]: 7,
  [MOCK_ACCOUNTS.large]: 1000,
};

const FIRST_NAMES = [
  'Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Zoë', 'José', 'Åsa', 'Chidi', 'Priya', 'Mateo', 'Yuki',
  'Fatima', 'Oluwaseun', 'Søren', 'Noor', 'Kwame', 'Ines', 'Dmitri', 'Mei', 'Siobhán', 'Rafael', 'Amara', 'Lars',
];
const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', "O'Brien", 'García', 'Lindqvist', 'Okafor', 'Raman',
  'Rossi', 'Tanaka', 'Haddad', 'Adeyemi', 'Kierkegaard', 'Nguyễn', 'Mensah', 'Fernández', 'Ivanov', 'Chen',
  'Ní Bhriain', 'Costa', 'Diallo', 'Berg',
];
const ROLES = [
  'Engineer', 'Staff Engineer', 'Product Manager', 'Founder', 'Head of Growth', 'Data Scientist', 'Designer',
  'Recruiter', 'CTO', 'Sales Lead', 'Researcher', 'Developer Advocate',
];
const COMPANIES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay Industries', 'Stark & Wayne', 'Wonka GmbH',
  'Tyrell Corp', 'Cyberdyne', 'Soylent', 'Massive Dynamic',
];
const NOTES = [
  'Would love to connect.',
  'Hi {name}, we met at the meetup last week. Let\'s keep in touch!',
  'Great talk on "API design" \u2014 would be glad to connect.',
  'Saw your post about TypeScript generics \ud83d\ude80',
  'Looking forward to collaborating.\nBest regards',
  'Bonjour {name}, ravi de vous rencontrer à Paris.',
];
const UNPARSED_DATES = ['Sent recently', '', 'Sent this week'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const NEWEST_SENT_AT = Date.UTC(2026, 10, 20, 18, 0, 0);
const HOUR = 3_600_000;

function crockford(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += CROCKFORD[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0 && out.length < length) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

function pick<T>(list: readonly T[], byte: number | undefined): T {
  return list[(byte ?? 0) % list.length] as T;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function invitation(seed: number, accountId: string, position: number): InvitationSent {
  const bytes = createHash('sha512').update(`${seed}\0${accountId}\0${position}`).digest();
  const first = pick(FIRST_NAMES, bytes[52]);
  const name = `${first} ${pick(LAST_NAMES, bytes[53])}`;
  // Newest first, strictly descending: each position is 3 hours older, minus up to 3 hours of jitter.
  const sentAt = new Date(NEWEST_SENT_AT - position * 3 * HOUR - (bytes.readUInt16BE(54) % 180) * 60_000);
  const parsed = position % 5 !== 3;
  const item: InvitationSent = {
    object: 'InvitationSent',
    id: `inv_${crockford(bytes.subarray(0, 16), 26)}`,
    invited_user: name,
    invited_user_id: `ACoAA${bytes.subarray(16, 28).toString('base64url')}`,
    invited_user_public_id: `${slug(name)}-${bytes[63]?.toString(16).padStart(2, '0')}`,
    invited_user_description: `${pick(ROLES, bytes[56])} at ${pick(COMPANIES, bytes[57])}`,
    date: parsed
      ? `${MONTHS[sentAt.getUTCMonth()]} ${sentAt.getUTCDate()}, ${sentAt.getUTCFullYear()}`
      : pick(UNPARSED_DATES, bytes[58]),
    parsed_datetime: parsed ? sentAt.toISOString() : null,
    invitation_text: position % 7 === 4 ? '' : pick(NOTES, bytes[59]).replace('{name}', first),
  };
  if (position % 2 === 0) {
    const inviterName = `${pick(FIRST_NAMES, bytes[60])} ${pick(LAST_NAMES, bytes[61])}`;
    item.inviter = {
      inviter_name: inviterName,
      inviter_id: `ACoAAB${bytes.subarray(46, 52).toString('base64url')}`,
      inviter_public_identifier: slug(inviterName),
      inviter_description: `${pick(ROLES, bytes[62])} at postpress`,
    };
  }
  if (position % 3 !== 2) {
    item.specifics = { provider: 'LINKEDIN', shared_secret: `AQH${bytes.subarray(28, 46).toString('base64url')}` };
  }
  return item;
}

/** Every pending invitation of every mock account, newest first, for one seed. */
export function buildDataset(seed: number): ReadonlyMap<string, readonly InvitationSent[]> {
  const dataset = new Map<string, InvitationSent[]>();
  for (const [accountId, size] of Object.entries(MOCK_ACCOUNT_SIZES)) {
    dataset.set(accountId, Array.from({ length: size }, (_, position) => invitation(seed, accountId, position)));
  }
  return dataset;
}
