import ipaddr from 'ipaddr.js';
import { NonRetryableError } from '@taskloom/sdk';

/** The environment variable the operator lists allowed destinations in (read by this plugin, in the executor). */
export const ALLOWED_HOSTS_ENV = 'HTTP_REQUEST_ALLOWED_HOSTS';

/** Cloud metadata services, named in the refusal so an operator sees why it matters. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200']);

/** The destination is not a public address and the allow-list does not name it. */
export class BlockedAddressError extends NonRetryableError {}

/**
 * The code on the plain Error the dispatcher fails a connection with. fetch
 * keeps an Error as its cause but stringifies anything else (an error
 * subclass from another realm, as under Jest), so the refusal travels as a
 * coded plain Error and requestFailure turns it into a BlockedAddressError.
 */
export const BLOCKED_ADDRESS_CODE = 'ERR_TASKLOOM_BLOCKED_ADDRESS';

/** The plain, coded Error a refused connection fails with. */
export function blockedAddress(message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code: BLOCKED_ADDRESS_CODE });
}

/** HTTP_REQUEST_ALLOWED_HOSTS holds an entry that is neither a host name, an address nor a CIDR range. */
export class AllowListError extends NonRetryableError {}

type Entry =
  | { kind: 'host'; name: string; wildcard: boolean; port?: number }
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number };

/**
 * Which addresses `http.request` may connect to: public unicast addresses,
 * plus what the operator's allow-list names. Everything else — loopback,
 * private, link-local, unique-local, carrier-grade NAT, unspecified,
 * multicast, reserved, and IPv6 forms that embed an IPv4 address — is
 * refused, so a task cannot reach cloud metadata, internal services or the
 * Taskloom api itself.
 */
export class AddressPolicy {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Parses a comma-separated allow-list: `host`, `*.domain`, `host:port`, `10.0.0.0/8`, `127.0.0.1:8080`, `[::1]:8080`. */
  static parse(allowList: string | undefined): AddressPolicy {
    const items = (allowList ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return new AddressPolicy(items.map(parseEntry));
  }

  /** Undefined when connecting to `address` (which `hostname` resolved to) on `port` is allowed, else why not. */
  refusal(address: string, hostname: string, port: number): string | undefined {
    const parsed = ipaddr.process(address);
    if (this.entries.some((entry) => matches(entry, parsed, hostname.toLowerCase(), port))) return undefined;
    const range = blockedRange(parsed);
    if (range === undefined) return undefined;
    const shown = hostname === address ? address : `${hostname} (${address})`;
    return `refused to connect to ${shown}: ${range} addresses are not allowed; an operator can allow it with ${ALLOWED_HOSTS_ENV}`;
  }
}

/** The kind of a non-public address ("loopback", "private", "link-local (cloud metadata)"...), undefined for a public one. */
export function blockedRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  const range = address.range();
  if (range === 'unicast') return undefined;
  const words = range.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  return METADATA_ADDRESSES.has(address.toString()) ? `${words} (cloud metadata)` : words;
}

function matches(entry: Entry, address: ipaddr.IPv4 | ipaddr.IPv6, hostname: string, port: number): boolean {
  if (entry.port !== undefined && entry.port !== port) return false;
  if (entry.kind === 'host') {
    return entry.wildcard ? hostname.endsWith(`.${entry.name}`) : hostname === entry.name;
  }
  return address.kind() === entry.range[0].kind() && address.match(entry.range);
}

function parseEntry(item: string): Entry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
  if (bracketed) return rangeEntry(bracketed[1]!, bracketed[2], item);
  if (isAddressOrRange(item)) return rangeEntry(item, undefined, item);
  const withPort = /^(.+):(\d+)$/.exec(item);
  const head = withPort ? withPort[1]! : item;
  const port = withPort?.[2];
  if (isAddressOrRange(head)) return rangeEntry(head, port, item);
  const host = /^(\*\.)?((?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)$/i.exec(head);
  if (!host) throw invalid(item, 'not a host name, an IP address or a CIDR range');
  return { kind: 'host', name: host[2]!.toLowerCase(), wildcard: host[1] !== undefined, port: parsePort(port, item) };
}

function isAddressOrRange(text: string): boolean {
  return ipaddr.isValid(text) || ipaddr.isValidCIDR(text);
}

function rangeEntry(text: string, port: string | undefined, item: string): Entry {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  if (ipaddr.isValidCIDR(text)) range = ipaddr.parseCIDR(text);
  else if (ipaddr.isValid(text)) {
    const address = ipaddr.process(text);
    range = [address, address.kind() === 'ipv4' ? 32 : 128];
  } else throw invalid(item, 'not an IP address or a CIDR range');
  return { kind: 'range', range, port: parsePort(port, item) };
}

function parsePort(port: string | undefined, item: string): number | undefined {
  if (port === undefined) return undefined;
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw invalid(item, 'the port must be 1-65535');
  return value;
}

function invalid(item: string, why: string): AllowListError {
  return new AllowListError(`${ALLOWED_HOSTS_ENV}: "${item}" is ${why}`);
}
