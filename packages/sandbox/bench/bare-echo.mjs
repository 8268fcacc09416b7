// The "bare" contender of the bench: the least a node:http JSON server can do for a quick import — read the
// body, JSON.parse it, answer a JSON {job_id}. No auth, no validation, no job: an upper bound for ours.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
let n = 0;
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-length': '0' });
      return res.end();
    }
    const text = JSON.stringify({ job_id: (++n).toString(16).padStart(32, '0'), name: body?.name });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
}).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
