// LAN mode serves over HTTPS with a certificate made on first use and kept in the data folder; its
// private key is sealed with the clinic's data key. Staff check the fingerprint the server prints
// against the one their browser shows, once, when they first accept the certificate.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { decryptBytes, encryptBytes } from '../db/crypto-files';
import { TLS_FOLDER } from '../db/data-folder';
import { writeFileAtomic } from '../db/keyring';

export interface TlsIdentity {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it (AB:CD:…). */
  fingerprint256: string;
  created: boolean;
  validTo: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALID_DAYS = 825;
const RENEW_WITHIN_DAYS = 30;

/** The addresses other computers on the clinic's network can use to reach this one. */
export const lanAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);

export async function ensureCertificate(dataDir: string, dataKey: Buffer | null, now = new Date()): Promise<TlsIdentity> {
  const dir = join(dataDir, TLS_FOLDER);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, dataKey ? 'key.pem.sealed' : 'key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) - now.getTime() > RENEW_WITHIN_DAYS * DAY_MS) {
      const raw = readFileSync(keyFile);
      const key = dataKey ? decryptBytes(dataKey, raw, 'The TLS key').toString('utf8') : raw.toString('utf8');
      return { cert, key, fingerprint256: x509.fingerprint256, created: false, validTo: x509.validTo };
    }
  }
  const names = ['localhost', hostname()];
  const ips = ['127.0.0.1', ...lanAddresses()];
  const pems = await generate([{ name: 'commonName', value: `Skinchart on ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(keyFile, dataKey ? encryptBytes(dataKey, Buffer.from(pems.private)) : pems.private);
  writeFileAtomic(certFile, pems.cert, 0o644);
  const x509 = new X509Certificate(pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint256: x509.fingerprint256, created: true, validTo: x509.validTo };
}
