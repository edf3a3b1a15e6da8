import { execFileSync } from 'child_process';
import path from 'path';

/**
 * Writes a new self-signed certificate for 127.0.0.1 and its key, in PEM,
 * to `directory` with the `openssl` command, for servers that tests and
 * benchmarks serve over TLS on loopback. Returns the two file paths.
 */
export function createLoopbackCertificate(directory: string): {
  keyFile: string;
  certFile: string;
} {
  const keyFile = path.join(directory, 'key.pem');
  const certFile = path.join(directory, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { keyFile, certFile };
}
