// The bench's 2,000 opportunities: the same xorshift32 sequence and word
// lists as `src/workspace/bench.rs` (keep the two in step), so the three
// grids show the same rows. Plain objects, as a query's records parsed.
export const ROWS = 2000;
const SEED = 0x5eed2000;
const ADJECTIVES = ['Global', 'Annual', 'Strategic', 'Premier', 'Rapid', 'Enterprise', 'Northern', 'Summit', 'Blue', 'Alpha', 'Bright', 'Central', 'Delta', 'Evergreen', 'Frontier', 'Granite'];
const NOUNS = ['Expansion', 'Renewal', 'Upgrade', 'Rollout', 'Migration', 'License', 'Pilot', 'Deal', 'Partnership', 'Refresh', 'Bundle', 'Contract'];
const ACCOUNTS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell', 'Gringotts', 'Oscorp', 'Aperture', 'Massive', 'Monarch', 'Nakatomi', 'Pied Piper', 'Zorg'];
const SUFFIXES = ['Inc.', 'Corp.', 'LLC', 'Group'];
/** Picklist order, which is the sort order. */
export const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won'];

export function generate() {
  let x = SEED;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const pick = (list) => list[next() % list.length];
  const pad = (n, w) => String(n).padStart(w, '0');
  const rows = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${i + 1}`;
    const account = `${pick(ACCOUNTS)} ${pick(SUFFIXES)}`;
    const amount = (next() % 50000000) / 100;
    const year = 2025 + (next() % 2);
    const month = 1 + (next() % 12);
    const day = 1 + (next() % 28);
    const stage = pick(STAGES);
    const probability = (next() % 11) * 10;
    rows[i] = {
      Id: `006BENCH${pad(i + 1, 7)}AAA`,
      Name: name,
      Account: { Name: account },
      Amount: amount,
      CloseDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
      StageName: stage,
      Probability: probability,
    };
  }
  return rows;
}
