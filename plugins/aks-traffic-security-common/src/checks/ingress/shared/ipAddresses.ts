/** Parses a dotted-quad IPv4 address into a 32-bit unsigned number. */
export function parseIpv4(value: string): number | undefined {
  const parts = value.trim().split('.');
  if (parts.length !== 4) {
    return undefined;
  }
  let result = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      return undefined;
    }
    result = result * 256 + Number(part);
  }
  return result;
}

/** An IPv4 network in CIDR notation. */
export interface Ipv4Network {
  base: number;
  prefixLength: number;
}

/** Parses `10.240.0.0/16` (or a bare address, as a /32) into a network. */
export function parseIpv4Cidr(value: string): Ipv4Network | undefined {
  const [address, prefix, extra] = value.trim().split('/');
  if (extra !== undefined) {
    return undefined;
  }
  const base = parseIpv4(address);
  const prefixLength = prefix === undefined ? 32 : Number(prefix);
  if (
    base === undefined ||
    !Number.isInteger(prefixLength) ||
    prefixLength < 0 ||
    prefixLength > 32
  ) {
    return undefined;
  }
  return { base, prefixLength };
}

/** Tells whether an IPv4 address lies in a network. */
export function ipv4InNetwork(address: number, network: Ipv4Network): boolean {
  const size = 2 ** (32 - network.prefixLength);
  const start = Math.floor(network.base / size) * size;
  return address >= start && address < start + size;
}

/** RFC 1918 private ranges and the RFC 6598 shared address space. */
const PRIVATE_IPV4_NETWORKS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
].map(cidr => parseIpv4Cidr(cidr)!);

/**
 * Tells whether an address is private: RFC 1918 or RFC 6598 for IPv4, a
 * unique local address (fc00::/7) for IPv6. Returns `undefined` when the
 * value is not an IP address.
 */
export function isPrivateAddress(value: string): boolean | undefined {
  const ipv4 = parseIpv4(value);
  if (ipv4 !== undefined) {
    return PRIVATE_IPV4_NETWORKS.some(network => ipv4InNetwork(ipv4, network));
  }
  const text = value.trim().toLowerCase();
  if (/^[0-9a-f:]+$/.test(text) && text.includes(':')) {
    return /^f[cd][0-9a-f]{0,2}:/.test(text);
  }
  return undefined;
}

/** Tells whether a value is an IPv4 or IPv6 address literal. */
export function isIpAddress(value: string): boolean {
  return isPrivateAddress(value) !== undefined;
}
