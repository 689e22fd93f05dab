/**
 * Child process for the restart test: builds the hand-off module over the database in argv[2], queues tickets,
 * starts a live chat and leaves an offer in flight, prints READY with the ticket ids, then waits to be killed
 * with SIGKILL (the database is never closed).
 */
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

const sql = await openStateDatabase({ dir: process.argv[2]! });
const h = await makeHandoff({ sql, lawyers: [lawyer('a', { capacity: 1 }), lawyer('b', { capacity: 1 })] });
await online(h, 'a', 'b');
const live = (await request(h, 'c-live', '转人工', { before: ['老板拖欠工资'] })).ticket!;
await h.service.lawyers.accept(live.id, 'a');
await h.service.lawyers.send(live.id, 'a', '您好，我是值班律师');
await h.service.citizens.message('directline', 'c-live', '工资欠了三个月');
const inFlight = (await request(h, 'c-offered')).ticket!;
const waiting = (await request(h, 'c-waiting')).ticket!;
await h.service.citizens.message('directline', 'c-waiting', '我还在等');
process.stdout.write(`READY ${JSON.stringify({ live: live.id, inFlight: inFlight.id, waiting: waiting.id, offeredTo: (await h.service.store.getTicket(inFlight.id))!.offeredTo })}\n`);
setInterval(() => undefined, 60_000);
