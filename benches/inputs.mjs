// The benchmark's inputs (issue #8), made from the test fixtures: the Debian CA bundle, a
// `kubectl get csr -o yaml` List of 200 requests, a kubeconfig with 500 users with embedded
// certificates, and a 5 MB paste. benches/browser.mjs imports them; run directly, this writes
// the List and the kubeconfig to a folder so the native benchmark times the same bytes:
//
//   node benches/inputs.mjs target/bench-inputs     (scripts/bench.sh does this)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fx = (n) => fs.readFileSync(path.join(root, 'tests/fixtures', n), 'utf8');

export const bundle = fx('debian-ca-certificates.crt');
export const bundlePems = bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
const csrItem = fx('csr-object-developer.yaml').split('\n').filter((l) => !l.startsWith('#'));
export const csrList = ['apiVersion: v1', 'items:']
  .concat(...Array.from({ length: 200 }, (_, i) => csrItem.filter((l) => l).map((l, j) => (j === 0 ? '- ' : '  ') + l.replace('name: alice', `name: alice-${i}`))))
  .concat(['kind: List', 'metadata:', '  resourceVersion: ""'])
  .join('\n');
const admin = fx('admin.conf');
const certData = admin.match(/client-certificate-data: (\S+)/)[1];
const keyData = admin.match(/client-key-data: (\S+)/)[1];
const caData = admin.match(/certificate-authority-data: (\S+)/)[1];
const users = Array.from({ length: 500 }, (_, i) => `- name: user-${i}\n  user:\n    client-certificate-data: ${certData}\n    client-key-data: ${keyData}`).join('\n');
const contexts = Array.from({ length: 500 }, (_, i) => `- name: ctx-${i}\n  context:\n    cluster: kubernetes\n    user: user-${i}`).join('\n');
export const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster:\n    server: https://10.0.0.10:6443\n    certificate-authority-data: ${caData}\ncontexts:\n${contexts}\ncurrent-context: ctx-0\nusers:\n${users}\n`;
const big = bundle.repeat(Math.ceil(5_000_000 / bundle.length)).slice(0, 5_000_000);
export const bigText = big.slice(0, big.lastIndexOf('-----END CERTIFICATE-----') + 25) + '\n';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || path.join(root, 'target/bench-inputs');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'csr-list.yaml'), csrList);
  fs.writeFileSync(path.join(dir, 'kubeconfig.yaml'), kubeconfig);
}
