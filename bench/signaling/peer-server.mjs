// The reference: PeerJS server 1.0.2 from npm with its defaults, except the port and a connection
// limit above the benchmark's client count.   node peer-server.mjs <port>
import { PeerServer } from 'peer';

const port = Number(process.argv[2] ?? 9000);
PeerServer({ port, host: '127.0.0.1', path: '/', concurrent_limit: 100_000 }, () => console.log(`peerjs listening on ${port}`));
