// Usage: node signin.mjs <gateway-url> <domain> <origin> <chain-id>
// Signs in with a fresh ethers wallet and a message built by the siwe library, then replays and
// tampers with sign-ins; prints one JSON object: {case: {status, tenantId?}}.
import { SiweMessage } from 'siwe';
import { Wallet } from 'ethers';

const [gateway, domain, origin, chainIdText] = process.argv.slice(2);
const chainId = Number(chainIdText);
const wallet = Wallet.createRandom();

async function post(path, body, headers = {}) {
  const response = await fetch(gateway + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, type: response.headers.get('content-type'), json };
}

async function nonce() {
  return (await post('/v1/auth/siwe/nonce', {})).json.nonce;
}

function message(fields) {
  return new SiweMessage({
    domain,
    address: wallet.address,
    statement: 'Sign in to the AIOZ platform.',
    uri: origin,
    version: '1',
    chainId,
    issuedAt: new Date().toISOString(),
    ...fields,
  });
}

async function signIn(fields, mutate = (text) => text) {
  const text = message(fields).prepareMessage();
  const signature = await wallet.signMessage(text);
  const answer = await post('/v1/auth/siwe/verify', { message: mutate(text), signature });
  return { answer, text, signature };
}

const result = {};
const ok = await signIn({ nonce: await nonce() });
result.success = {
  status: ok.answer.status,
  tenantId: ok.answer.json?.tenantId,
  address: ok.answer.json?.address,
  wallet: wallet.address,
};
// the session works at the gateway
const me = await fetch(gateway + '/v1/tenants/me', {
  headers: { authorization: 'Bearer ' + ok.answer.json?.accessToken },
});
result.session = { status: me.status, tenantId: (await me.json()).tenantId };

const replay = await post('/v1/auth/siwe/verify', { message: ok.text, signature: ok.signature });
result.replayedNonce = { status: replay.status, type: replay.type };

const expired = await signIn({
  nonce: await nonce(),
  issuedAt: new Date(Date.now() - 600_000).toISOString(),
  expirationTime: new Date(Date.now() - 60_000).toISOString(),
});
result.expired = { status: expired.answer.status, type: expired.answer.type };

const wrongDomain = await signIn({ nonce: await nonce(), domain: 'evil.example' });
result.wrongDomain = { status: wrongDomain.answer.status, type: wrongDomain.answer.type };

const wrongChain = await signIn({ nonce: await nonce(), chainId: 1 });
result.wrongChain = { status: wrongChain.answer.status, type: wrongChain.answer.type };

const tampered = await signIn({ nonce: await nonce() }, (text) =>
  text.replace('Sign in to the AIOZ platform.', 'Sign in to the AIOZ platform!'));
result.tampered = { status: tampered.answer.status, type: tampered.answer.type };

console.log(JSON.stringify(result));
