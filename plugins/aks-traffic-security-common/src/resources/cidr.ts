/**
 * An IPv4 or IPv6 address range in CIDR notation. A bare address is a range
 * of one address (`/32` or `/128`).
 *
 * @public
 */
export interface Cidr {
  version: 4 | 6;
  /** The first address of the range, with the host bits cleared. */
  network: bigint;
  prefixLength: number;
  /** The text the range was parsed from. */
  text: string;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return undefined;
  }

  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      return undefined;
    }
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let address = text;

  // An embedded IPv4 tail (`::ffff:10.0.0.1`) fills the last two groups.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const ipv4 = parseIpv4(tail);
    if (ipv4 === undefined) {
      return undefined;
    }
    const high = ((ipv4 >> 16n) & 0xffffn).toString(16);
    const low = (ipv4 & 0xffffn).toString(16);
    address = `${address.slice(0, lastColon + 1)}${high}:${low}`;
  }

  const halves = address.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const rest =
    halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (
    (halves.length === 1 && missing !== 0) ||
    (halves.length === 2 && missing < 1)
  ) {
    return undefined;
  }

  const groups = [
    ...head,
    ...Array(halves.length === 2 ? missing : 0).fill('0'),
    ...rest,
  ];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
      return undefined;
    }
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/**
 * Parses `10.0.0.0/8`, `203.0.113.7`, `2001:db8::/32` or `::/0`. Returns
 * `undefined` for anything else, such as a service tag (`AzureCloud`), an
 * address range (`10.0.0.1-10.0.0.9`) or `*`.
 *
 * @public
 */
export function parseCidr(value: string): Cidr | undefined {
  const text = value.trim();
  const [address, prefix, ...extra] = text.split('/');
  if (extra.length > 0 || address === '') {
    return undefined;
  }

  const version = address.includes(':') ? 6 : 4;
  const bits = version === 4 ? IPV4_BITS : IPV6_BITS;
  const parsed = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (parsed === undefined) {
    return undefined;
  }

  let prefixLength = bits;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) {
      return undefined;
    }
    prefixLength = Number(prefix);
  }

  const hostBits = BigInt(bits - prefixLength);
  const network = (parsed >> hostBits) << hostBits;
  return { version, network, prefixLength, text };
}

/**
 * Tells whether `inner` lies entirely inside `outer`. Ranges of different IP
 * versions never contain each other.
 *
 * @public
 */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (
    outer.version !== inner.version ||
    inner.prefixLength < outer.prefixLength
  ) {
    return false;
  }
  const bits = outer.version === 4 ? IPV4_BITS : IPV6_BITS;
  const hostBits = BigInt(bits - outer.prefixLength);
  return inner.network >> hostBits === outer.network >> hostBits;
}

/** Tells whether two ranges share at least one address. @public */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * The private IPv4 ranges of RFC 1918.
 *
 * @public
 */
export const RFC1918_RANGES: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
].map(text => parseCidr(text)!);

/**
 * IPv4 ranges that are not routed on the internet: RFC 1918, the RFC 6598
 * shared address space, loopback and link-local.
 *
 * @public
 */
export const NON_INTERNET_IPV4_RANGES: readonly Cidr[] = [
  ...RFC1918_RANGES,
  ...['100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].map(
    text => parseCidr(text)!,
  ),
];

/** Tells whether a range overlaps the private ranges of RFC 1918. @public */
export function isRfc1918(range: Cidr): boolean {
  return RFC1918_RANGES.some(privateRange => cidrOverlaps(privateRange, range));
}

/**
 * Tells whether a range reaches internet addresses: an IPv4 range that is not
 * inside a non-internet range, or an IPv6 range outside the unique local
 * (`fc00::/7`) and link-local (`fe80::/10`) ranges.
 *
 * @public
 */
export function reachesInternet(range: Cidr): boolean {
  if (range.version === 4) {
    return !NON_INTERNET_IPV4_RANGES.some(privateRange =>
      cidrContains(privateRange, range),
    );
  }
  return !['fc00::/7', 'fe80::/10'].some(text =>
    cidrContains(parseCidr(text)!, range),
  );
}

/** Tells whether a range covers every address of its IP version (`/0`). @public */
export function isAnyAddress(range: Cidr): boolean {
  return range.prefixLength === 0;
}

/**
 * Tells whether the ranges of one IP version together cover every address
 * of that version, such as `0.0.0.0/1` with `128.0.0.0/1`. Ranges of the
 * other version are ignored.
 *
 * @public
 */
export function coverAllAddresses(
  ranges: readonly Cidr[],
  version: 4 | 6,
): boolean {
  const bits = BigInt(version === 4 ? IPV4_BITS : IPV6_BITS);
  const intervals = ranges
    .filter(range => range.version === version)
    .map(range => {
      const size = 1n << (bits - BigInt(range.prefixLength));
      return { start: range.network, end: range.network + size };
    })
    .sort((a, b) => compareBigInts(a.start, b.start));

  let covered = 0n;
  for (const { start, end } of intervals) {
    if (start > covered) {
      return false;
    }
    covered = end > covered ? end : covered;
  }
  return covered >= 1n << bits;
}

function compareBigInts(a: bigint, b: bigint): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
