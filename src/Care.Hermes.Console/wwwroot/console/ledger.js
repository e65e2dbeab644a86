// Care console: checks each ledger inclusion proof in the browser with WebCrypto, trusting nothing
// the server says about it. For every entry: the leaf hash is SHA-256(0x00 || entry bytes), the entry
// states its index, the tree head names the ledger key (key id = SHA-256 of the key), the Ed25519 half
// of the head's hybrid signature verifies, and the RFC 9162 audit path leads to the head's root.
// The ML-DSA-65 half cannot be checked here (no ML-DSA in WebCrypto); the page says so.
'use strict';
(async () => {
  const island = document.getElementById('ledger-data');
  const summary = document.getElementById('verify-summary');
  if (!island || !summary) return;
  const data = JSON.parse(island.textContent);
  const enc = new TextEncoder();
  const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
  const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  const unhex = s => {
    if (typeof s !== 'string' || s.length % 2 !== 0 || /[^0-9a-f]/i.test(s)) throw new Error('not hex');
    return Uint8Array.from(s.match(/../g) ?? [], h => parseInt(h, 16));
  };
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const sha256 = async bytes => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const leafHash = data => sha256(concat(Uint8Array.of(0), data));
  const nodeHash = (l, r) => sha256(concat(Uint8Array.of(1), l, r));

  // RFC 9162 §2.1.3.2, as Care.Trust's MerkleVerifier (BigInt: indexes may exceed 32 bits).
  const inclusionLength = (index, size) => {
    const x = index ^ (size - 1n);
    let inner = 0;
    for (let v = x; v > 0n; v >>= 1n) inner++;
    let border = 0;
    for (let v = index >> BigInt(inner); v > 0n; v >>= 1n) border += Number(v & 1n);
    return inner + border;
  };
  const verifyInclusion = async (index, size, leaf, proof, root) => {
    if (size === 0n || index >= size) return `leaf index ${index} is not inside a tree of size ${size}`;
    if (proof.length !== inclusionLength(index, size)) return `audit path has ${proof.length} hashes, ${inclusionLength(index, size)} expected`;
    if (proof.some(p => p.length !== 32)) return 'an audit path hash is not 32 bytes';
    let fn = index, sn = size - 1n, r = leaf;
    for (const p of proof) {
      if (sn === 0n) return 'audit path is longer than the path to the root';
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(p, r);
        if ((fn & 1n) === 0n) {
          while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
        }
      } else {
        r = await nodeHash(r, p);
      }
      fn >>= 1n; sn >>= 1n;
    }
    if (sn !== 0n) return 'audit path is shorter than the path to the root';
    return equal(r, root) ? null : 'computed root does not match the tree head root';
  };

  const key = b64(data.ledgerKey);
  const keyId = await sha256(key);
  const keyProblem = hex(keyId) === data.ledgerKeyId ? null : 'the ledger key on the page does not hash to its stated key id';
  const edKey = await crypto.subtle.importKey('raw', key.slice(0, 32), { name: 'Ed25519' }, false, ['verify']);
  const sigDomain = enc.encode('care.trust.hybrid-sig.v1\0');
  const sthDomain = enc.encode('care.ledger.sth.v1\0');
  const headChecks = new Map();
  const verifyHead = head => {
    const cacheKey = JSON.stringify(head);
    if (!headChecks.has(cacheKey)) {
      headChecks.set(cacheKey, (async () => {
        if (head.keyId !== hex(keyId)) return `tree head was signed by key ${head.keyId}, not the ledger key`;
        const root = unhex(head.rootHash);
        if (root.length !== 32) return 'tree head root is not 32 bytes';
        const signed = new Uint8Array(sthDomain.length + 8 + 32 + 8);
        signed.set(sthDomain, 0);
        const view = new DataView(signed.buffer);
        view.setBigUint64(sthDomain.length, BigInt(head.treeSize));
        signed.set(root, sthDomain.length + 8);
        view.setBigInt64(sthDomain.length + 40, BigInt(head.timestamp));
        const signature = b64(head.signature);
        if (signature.length !== 64 + 3309) return `tree head signature is ${signature.length} bytes, not a hybrid signature`;
        const ok = await crypto.subtle.verify({ name: 'Ed25519' }, edKey, signature.slice(0, 64), concat(sigDomain, keyId, signed));
        return ok ? null : 'tree head Ed25519 signature does not verify';
      })());
    }
    return headChecks.get(cacheKey);
  };

  const check = async doc => {
    if (keyProblem) return keyProblem;
    const entry = b64(doc.data);
    if (!equal(await leafHash(entry), unhex(doc.leafHash))) return 'leaf hash is not the hash of the entry data';
    let stated;
    try { stated = JSON.parse(new TextDecoder().decode(entry)).index; } catch { stated = undefined; }
    if (stated !== doc.index) return `entry data does not state index ${doc.index}`;
    const headProblem = await verifyHead(doc.treeHead);
    if (headProblem) return headProblem;
    return verifyInclusion(BigInt(doc.index), BigInt(doc.treeHead.treeSize), unhex(doc.leafHash), doc.proof.map(unhex), unhex(doc.treeHead.rootHash));
  };

  let verified = 0, failed = 0;
  for (const doc of data.proofs) {
    const cell = document.getElementById(`proof-${doc.index}`);
    let problem;
    try { problem = await check(doc); } catch (e) { problem = `proof unreadable: ${e.message}`; }
    if (problem) failed++; else verified++;
    if (cell) {
      cell.dataset.state = problem ? 'failed' : 'verified';
      cell.className = 'proof ' + (problem ? 'failed' : 'verified');
      cell.textContent = problem ? `✗ FAILED: ${problem}` : '✓ verified (Ed25519 half + Merkle path)';
    }
  }
  summary.dataset.state = failed > 0 ? 'failed' : 'verified';
  summary.className = failed > 0 ? 'failed' : 'verified';
  summary.textContent = failed > 0
    ? `✗ ${failed} of ${data.proofs.length} proofs FAILED in this browser; ${verified} verified. Do not rely on the failed entries.`
    : `✓ All ${verified} proofs verified in this browser (leaf hash, Merkle path to the signed root, Ed25519 half of the head signature). ML-DSA-65 half not checked here.`;
})().catch(e => {
  const summary = document.getElementById('verify-summary');
  if (summary) {
    summary.dataset.state = 'failed';
    summary.className = 'failed';
    summary.textContent = `✗ Proofs could not be checked in this browser: ${e.message}`;
  }
});
