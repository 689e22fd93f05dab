import { describe, expect, it } from 'vitest';
import { useBackend, lawyer, makeHandoff, online, request } from './handoff-harness.js';
import { forEachBackend } from '../support/test-databases.js';

// Every hand-off behaviour below, on SQLite and on PostgreSQL.
forEachBackend('hand-off dispatcher', (backend) => {
  useBackend(backend);

  describe('offers and the 30 s timeout (hand-moved clock)', () => {
    it('an offer not accepted in 30 s moves to the next lawyer and the miss is recorded', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a'), lawyer('b')] });
      await online(h, 'a', 'b');
      const { ticket } = await request(h, 'c1');
      expect(ticket).toMatchObject({ status: 'offered', offeredTo: 'a' });

      h.clock.advance(29_999);
      await h.service.tick();
      expect((await h.service.store.getTicket(ticket!.id))).toMatchObject({ status: 'offered', offeredTo: 'a' });

      h.clock.advance(1);
      await h.service.tick();
      const moved = (await h.service.store.getTicket(ticket!.id))!;
      expect(moved).toMatchObject({ status: 'offered', offeredTo: 'b', missedBy: ['a'] });
      expect((await h.service.store.offers(ticket!.id)).map((o) => [o.lawyer, o.outcome])).toEqual([['a', 'missed'], ['b', 'pending']]);
      expect((await h.service.store.auditLog(ticket!.id)).map((e) => e.event)).toEqual(['created', 'offered', 'offer_missed', 'offered']);
      expect((await h.service.stats()).missedOffers).toBe(1);

      // The lawyer who missed it can no longer accept it; the one it moved to can.
      await expect(h.service.lawyers.accept(ticket!.id, 'a')).rejects.toThrow(/offered to another lawyer/);
      await h.service.lawyers.accept(ticket!.id, 'b');
      expect((await h.service.store.getTicket(ticket!.id))).toMatchObject({ status: 'assigned', lawyer: 'b' });
    });

    it('when everyone available has missed it, a new round starts', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('solo')] });
      await online(h, 'solo');
      const { ticket } = await request(h, 'c1');
      h.clock.advance(30_000);
      await h.service.tick();
      expect((await h.service.store.getTicket(ticket!.id))).toMatchObject({ status: 'offered', offeredTo: 'solo' });
      expect((await h.service.store.offers(ticket!.id)).map((o) => o.outcome)).toEqual(['missed', 'pending']);
    });

    it('each lawyer holds at most one pending offer and never more chats than capacity', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a', { capacity: 1 }), lawyer('b', { capacity: 2 })] });
      await online(h, 'a', 'b');
      const t: Array<{ id: string }> = [];
      for (const i of [1, 2, 3, 4]) t.push((await request(h, `c${i}`)).ticket!);
      const status = async () => (await Promise.all(t.map((x) => h.service.store.getTicket(x.id)))).map((x) => `${x!.status}:${x!.offeredTo ?? x!.lawyer ?? '-'}`);
      expect(await status()).toEqual(['offered:a', 'offered:b', 'queued:-', 'queued:-']);
      await h.service.lawyers.accept(t[0]!.id, 'a');
      expect(await status()).toEqual(['assigned:a', 'offered:b', 'queued:-', 'queued:-']); // a is full (capacity 1)
      await expect(h.service.lawyers.accept(t[3]!.id, 'a')).rejects.toThrow(/capacity reached/);
      await h.service.lawyers.accept(t[1]!.id, 'b');
      expect(await status()).toEqual(['assigned:a', 'assigned:b', 'offered:b', 'queued:-']);
      await h.service.lawyers.accept(t[2]!.id, 'b');
      expect(await status()).toEqual(['assigned:a', 'assigned:b', 'assigned:b', 'queued:-']);
      await h.service.lawyers.close(t[0]!.id, { id: 1, username: 'a', role: 'lawyer' }, {});
      expect((await h.service.store.getTicket(t[3]!.id))).toMatchObject({ status: 'offered', offeredTo: 'a' });
    });

    it('offers go to the best match and queue order is kept', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('family', { topics: ['婚姻家庭'] }), lawyer('labour', { topics: ['劳动纠纷'] })] });
      await online(h, 'family', 'labour');
      const labourTicket = (await request(h, 'c1', '老板拖欠工资三个月')).ticket!;
      const familyTicket = (await request(h, 'c2', '我想离婚，孩子抚养怎么办')).ticket!;
      expect(labourTicket.offeredTo).toBe('labour');
      expect(familyTicket.offeredTo).toBe('family');
    });

    it('idle lawyers go offline and stop getting offers', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      h.clock.advance(5 * 60_000 + 1);
      await h.service.tick();
      expect(h.service.store.presence().get('a')?.status).toBe('offline');
      const { ticket, replies } = await request(h, 'c1');
      expect(ticket!.status).toBe('queued');
      expect(replies[0]).toContain('现在没有值班律师在线');
    });

    it('a ticket nobody takes expires and the citizen is told', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      const { ticket } = await request(h, 'c1');
      h.clock.advance(2 * 3600_000 + 1);
      await h.service.tick();
      expect((await h.service.store.getTicket(ticket!.id))!.status).toBe('expired');
      expect(h.texts('c1').at(-1)).toContain('本次排队已结束');
      expect((await h.service.stats()).abandoned).toBe(1);
    });
  });
});
