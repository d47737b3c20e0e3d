// Receipts beyond SROIE's Malaysian scans, rendered from templates written here: UK (VAT, £, GBP),
// euro-zone (MwSt/TVA/IVA, €, comma decimals) and US (sales tax, $, month-first dates) shops, with
// items and totals in different places, then "photographed": skew, blur, a grey cast and JPEG
// artefacts. An SVG per receipt (DejaVu Sans Mono, installed with fonts-dejavu-core) rasterised by
// sharp; a seeded RNG makes every receipt reproducible from its index. The key is what SROIE's key
// would say: company, date and total as printed, address lines joined by a space.
import { Rng } from '@suite/ml';
import sharp from 'sharp';

export type ReceiptCountry = 'UK' | 'EU' | 'US';

export interface SyntheticReceipt {
  id: string;
  country: ReceiptCountry;
  key: { company: string; date: string; address: string; total: string };
  /** The date as ISO 8601 (what the printed date must normalise to). */
  isoDate: string;
  currency: string;
  lines: {
    text: string;
    align: 'left' | 'right' | 'center' | 'split';
    right?: string;
    /** Smudged past reading. */
    faint?: boolean;
  }[];
  noise: { angle: number; blur: number; quality: number; grey: number };
}

const SHOPS: Record<ReceiptCountry, { company: string; address: string[] }[]> = {
  UK: [
    { company: 'PRET A MANGER (EUROPE) LTD', address: ['12 VICTORIA STREET', 'LONDON SW1H 0NB'] },
    { company: 'GREGGS PLC', address: ['45 MARKET STREET', 'MANCHESTER M1 1WR'] },
    { company: 'THE CORNER BAKERY LTD', address: ['3 HIGH STREET', 'OXFORD OX1 4AP'] },
    { company: 'BOOTS UK LIMITED', address: ['1 UNION STREET', 'ABERDEEN AB11 6BD'] },
  ],
  EU: [
    { company: 'BACKHAUS MUELLER GMBH', address: ['HAUPTSTRASSE 21', '10115 BERLIN'] },
    { company: 'CAFE DE LA GARE SARL', address: ['8 RUE DE LYON', '75012 PARIS'] },
    { company: 'PANIFICIO ROSSI SRL', address: ['VIA ROMA 14', '00184 ROMA'] },
    { company: 'BAKKERIJ DE VRIES BV', address: ['KERKSTRAAT 7', '1017 GA AMSTERDAM'] },
  ],
  US: [
    { company: 'BLUE BOTTLE COFFEE INC', address: ['66 MINT ST', 'SAN FRANCISCO, CA 94103'] },
    { company: 'JOE CAFE LLC', address: ['401 CONGRESS AVE', 'AUSTIN, TX 78701'] },
    { company: 'CORNER DELI INC', address: ['220 W 42ND ST', 'NEW YORK, NY 10036'] },
    { company: 'SUNRISE DINER LLC', address: ['1500 PEARL ST', 'BOULDER, CO 80302'] },
  ],
};

const ITEMS = [
  'CROISSANT',
  'FLAT WHITE',
  'CAPPUCCINO',
  'BAGEL',
  'ORANGE JUICE',
  'SANDWICH',
  'SALAD BOX',
  'MUFFIN',
  'WATER 500ML',
  'TEA',
  'BROWNIE',
  'SOUP OF DAY',
];

const pad2 = (n: number) => String(n).padStart(2, '0');

function money(cents: number, country: ReceiptCountry): string {
  const s = `${Math.floor(cents / 100)}.${pad2(cents % 100)}`;
  return country === 'EU' ? s.replace('.', ',') : s;
}

/** The receipt with index k (0-based): country, shop, items, layout and noise all drawn from k. */
export function syntheticReceipt(k: number): SyntheticReceipt {
  const rng = new Rng(20251203 + k);
  const country = (['UK', 'EU', 'US'] as const)[k % 3];
  const shop = SHOPS[country][Math.floor(k / 3) % SHOPS[country].length];
  const [y, m, d] = [2023 + rng.int(3), 1 + rng.int(12), 1 + rng.int(28)];
  const date =
    country === 'US'
      ? `${pad2(m)}/${pad2(d)}/${y}`
      : country === 'EU'
        ? `${pad2(d)}.${pad2(m)}.${y}`
        : rng.next() < 0.5
          ? `${pad2(d)}/${pad2(m)}/${y}`
          : `${d} ${['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][m - 1]} ${y}`;
  const items = Array.from({ length: 2 + rng.int(4) }, () => ({
    name: ITEMS[rng.int(ITEMS.length)],
    cents: 120 + rng.int(880),
  }));
  const subtotal = items.reduce((s, i) => s + i.cents, 0);
  // UK and EU prices include VAT (shown as a part of the total); US sales tax is added on top.
  const rate = country === 'US' ? 0.0825 : country === 'UK' ? 0.2 : 0.19;
  const tax = country === 'US' ? Math.round(subtotal * rate) : Math.round((subtotal * rate) / (1 + rate));
  const total = country === 'US' ? subtotal + tax : subtotal;
  const symbol = country === 'UK' ? '£' : country === 'EU' ? '€' : '$';
  const code = country === 'UK' ? 'GBP' : country === 'EU' ? 'EUR' : 'USD';
  const withCode = rng.next() < 0.5;
  const amount = (c: number) => (withCode ? money(c, country) : `${symbol}${money(c, country)}`);
  const totalWord = country === 'EU' ? (rng.next() < 0.5 ? 'SUMME' : 'TOTAL') : 'TOTAL';
  const taxLabel =
    country === 'US'
      ? `SALES TAX ${(rate * 100).toFixed(2)}%`
      : country === 'UK'
        ? 'VAT 20% INCL'
        : 'MWST 19% ENTH.';
  const lines: SyntheticReceipt['lines'] = [
    { text: shop.company, align: 'center' },
    ...shop.address.map((a) => ({ text: a, align: 'center' as const })),
    {
      text:
        country === 'US'
          ? 'TEL (555) 201-4400'
          : country === 'UK'
            ? 'VAT NO 123 4567 89'
            : 'UST-ID DE123456789',
      align: 'center',
    },
  ];
  const dateFirst = rng.next() < 0.5;
  if (dateFirst)
    lines.push({ text: `DATE ${date}  ${pad2(rng.int(24))}:${pad2(rng.int(60))}`, align: 'left' });
  lines.push({ text: `RECEIPT NO ${1000 + rng.int(9000)}`, align: 'left' });
  for (const i of items) lines.push({ text: i.name, align: 'split', right: amount(i.cents) });
  if (country === 'US') lines.push({ text: 'SUBTOTAL', align: 'split', right: amount(subtotal) });
  if (country === 'US') lines.push({ text: taxLabel, align: 'split', right: amount(tax) });
  lines.push({
    text: withCode ? `${totalWord} ${code}` : totalWord,
    align: 'split',
    right: money(total, country).replace(/^/, withCode ? '' : symbol),
  });
  if (country !== 'US') lines.push({ text: taxLabel, align: 'split', right: amount(tax) });
  lines.push({ text: rng.next() < 0.5 ? 'CARD' : 'CASH', align: 'split', right: amount(total) });
  if (!dateFirst) lines.push({ text: date, align: 'center' });
  lines.push({ text: 'THANK YOU', align: 'center' });
  return {
    id: `SYN${String(k).padStart(3, '0')}`,
    country,
    key: {
      company: shop.company,
      date,
      address: shop.address.join(' '),
      total: withCode ? money(total, country) : `${symbol}${money(total, country)}`,
    },
    isoDate: `${y}-${pad2(m)}-${pad2(d)}`,
    currency: code,
    lines,
    noise: {
      angle: (rng.next() - 0.5) * 3,
      blur: 0.3 + rng.next() * 0.7,
      quality: 45 + rng.int(40),
      grey: 225 + rng.int(30),
    },
  };
}

const WIDTH = 560;
const LINE = 34;
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FONT_SIZE = 22;
const ADVANCE = 0.6 * FONT_SIZE;

export interface LayoutBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  faint?: boolean;
}

/** Every text box of the receipt before skew: position from its alignment and the font's advance. */
export function receiptLayout(r: SyntheticReceipt): LayoutBox[] {
  const boxes: LayoutBox[] = [];
  const place = (
    text: string,
    anchor: 'start' | 'middle' | 'end',
    x: number,
    baseline: number,
    faint?: boolean,
  ) => {
    const width = text.length * ADVANCE;
    const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
    boxes.push({ text, x: left, y: baseline - FONT_SIZE * 0.8, width, height: FONT_SIZE, faint });
  };
  r.lines.forEach((l, k) => {
    const y = 50 + k * LINE;
    if (l.align === 'center') place(l.text, 'middle', WIDTH / 2, y, l.faint);
    else if (l.align === 'left') place(l.text, 'start', 30, y, l.faint);
    else if (l.align === 'right') place(l.text, 'end', WIDTH - 30, y, l.faint);
    else {
      place(l.text, 'start', 30, y, l.faint);
      place(l.right ?? '', 'end', WIDTH - 30, y, l.faint);
    }
  });
  return boxes.filter((b) => b.text !== '');
}

export function receiptSvg(r: SyntheticReceipt): string {
  const height = 60 + r.lines.length * LINE;
  const rows = receiptLayout(r).map(
    (b) =>
      `<text x="${b.x}" y="${b.y + FONT_SIZE * 0.8}" fill="${b.faint ? '#c8c8c8' : '#1a1a1a'}"${b.faint ? ' filter="url(#smudge)"' : ''}>${escapeXml(b.text)}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}">` +
    // A faint line is smudged past reading (the unreadable-total case of the bot's tests).
    `<defs><filter id="smudge"><feGaussianBlur stdDeviation="3.5"/></filter></defs>` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<g font-family="DejaVu Sans Mono" font-size="${FONT_SIZE}">${rows.join('')}</g></svg>`
  );
}

/** The receipt as a "photographed" JPEG: skewed, blurred, grey-cast, compressed. */
export async function renderReceiptJpeg(r: SyntheticReceipt): Promise<Buffer> {
  const g = r.noise.grey;
  const flat = await sharp(Buffer.from(receiptSvg(r)))
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  return sharp(flat)
    .rotate(r.noise.angle, { background: { r: g, g, b: g - 10 } })
    .blur(r.noise.blur)
    .linear(g / 255, 0)
    .jpeg({ quality: r.noise.quality })
    .toBuffer();
}
