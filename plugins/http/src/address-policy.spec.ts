import ipaddr from 'ipaddr.js';
import { AddressPolicy, blockedRange } from './address-policy';

/** Pure classification: no connection is opened to any of these addresses. */
describe('AddressPolicy', () => {
  const byDefault = AddressPolicy.parse(undefined);

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['169.254.170.2', 'link-local (cloud metadata)'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'unique-local (cloud metadata)'],
    ['fc00::1', 'unique-local'],
    ['100.100.100.200', 'carrier-grade-nat (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:a9fe:a9fe::1', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedRange(ipaddr.process(address))).toBe(range);
    const refusal = byDefault.refusal(address, 'some.host', 80);
    expect(refusal).toContain(`${range} addresses are not allowed`);
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(byDefault.refusal(address, 'public.example', 443)).toBeUndefined();
    },
  );

  it('allows what the list names: CIDR ranges, addresses with a port, host names and subdomains', () => {
    const policy = AddressPolicy.parse(
      ' 10.0.0.0/8 , 192.168.1.5:8080, [fd00::/8]:443, [::1]:9000, internal.example, *.svc.local:8443, Metrics.Local:9100 ',
    );
    expect(policy.refusal('10.200.0.1', 'x', 1)).toBeUndefined();
    expect(policy.refusal('192.168.1.5', 'x', 8080)).toBeUndefined();
    expect(policy.refusal('192.168.1.5', 'x', 8081)).toBeDefined();
    expect(policy.refusal('fd00:ec2::254', 'x', 443)).toBeUndefined();
    expect(policy.refusal('fd00:ec2::254', 'x', 80)).toBeDefined();
    expect(policy.refusal('::1', 'x', 9000)).toBeUndefined();
    expect(policy.refusal('127.0.0.1', 'internal.example', 5432)).toBeUndefined();
    expect(policy.refusal('127.0.0.1', 'sub.internal.example', 80)).toBeDefined();
    expect(policy.refusal('10.0.0.1', 'a.svc.local', 8443)).toBeUndefined();
    expect(policy.refusal('172.16.0.1', 'a.svc.local', 8443)).toBeUndefined();
    expect(policy.refusal('172.16.0.1', 'svc.local', 8443)).toBeDefined();
    expect(policy.refusal('172.16.0.1', 'metrics.local', 9100)).toBeUndefined();
    expect(policy.refusal('169.254.169.254', 'x', 80)).toBeDefined();
  });

  it('an IPv4 range also covers IPv4-mapped IPv6 forms of its addresses', () => {
    expect(AddressPolicy.parse('127.0.0.0/8').refusal('::ffff:127.0.0.1', '::ffff:127.0.0.1', 80)).toBeUndefined();
  });

  it.each([
    ['not a host', 'not a host name, an IP address or a CIDR range'],
    ['10.0.0.0/33', 'not a host name, an IP address or a CIDR range'],
    ['host:99999', 'the port must be 1-65535'],
    ['[zz::1]:80', 'not an IP address or a CIDR range'],
  ])('rejects the entry %j', (entry, why) => {
    expect(() => AddressPolicy.parse(`ok.example,${entry}`)).toThrow(
      `HTTP_REQUEST_ALLOWED_HOSTS: "${entry}" is ${why}`,
    );
  });
});
