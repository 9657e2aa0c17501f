import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { blockedAddress, type AddressPolicy } from './address-policy';

/**
 * An undici dispatcher that checks every connection's destination against
 * the policy at connect time: an IP literal before connecting, a host name
 * after DNS resolution and before the socket opens (connecting only to
 * resolved addresses the policy allows), so a name that resolves to a
 * private address, or re-resolves to one later (DNS rebinding), is refused.
 * Each redirect hop opens its connection through here too.
 */
export function createGuardedDispatcher(policy: AddressPolicy): Agent {
  // lookup() is not told the port, so there is one connector per destination port.
  const connectors = new Map<number, buildConnector.connector>();
  const connect: buildConnector.connector = (options, callback) => {
    const hostname = options.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    // net.connect never calls lookup() for an IP literal, so those are checked here.
    const refusal = isIP(hostname) ? policy.refusal(hostname, hostname, port) : undefined;
    if (refusal) {
      callback(blockedAddress(refusal), null);
      return;
    }
    let connector = connectors.get(port);
    if (!connector) {
      connector = buildConnector({ lookup: guardedLookup(policy, port) });
      connectors.set(port, connector);
    }
    connector(options, callback);
  };
  return new Agent({ connect });
}

function guardedLookup(policy: AddressPolicy, port: number): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const allowed = addresses.filter((entry) => !policy.refusal(entry.address, hostname, port));
      if (allowed.length === 0) {
        const first = addresses[0];
        const refusal = first && policy.refusal(first.address, hostname, port);
        callback(blockedAddress(refusal ?? `${hostname} resolved to no address`), '', 0);
        return;
      }
      if ((options as LookupOptions).all) {
        (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
      } else {
        callback(null, allowed[0]!.address, allowed[0]!.family);
      }
    });
  };
}
