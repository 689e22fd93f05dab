import { describe, expect, it } from 'vitest';
import { useBackend, lawyer, makeHandoff, online, request } from './handoff-harness.js';
import { forEachBackend } from '../support/test-databases.js';

// Every hand-off behaviour below, on SQLite and on PostgreSQL.
forEachBackend('hand-off citizen flow', (backend) => {
  useBackend(backend);

  const admin = { id: 9, username: 'boss', role: 'admin' as const };
  const asLawyer = (username: string) => ({ id: 1, username, role: 'lawyer' as const });

  describe('the citizen side of a hand-off', () => {
    it('with nobody on duty says so plainly: callback, 12348 and unconfirmed office hours', async () => {
      const h = (await makeHandoff({ lawyers: [lawyer('a')] })); // on the roster but offline
      const { replies, ticket } = await request(h, 'c1');
      expect(ticket!.status).toBe('queued');
      expect(replies.join('\n')).toMatch(/现在没有值班律师在线[\s\S]*回电[\s\S]*12348[\s\S]*请拨打12348公共法律服务热线核实/);
    });

    it('shows the position and says the wait cannot be estimated without history', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a', { capacity: 1 })] });
      await online(h, 'a');
      await request(h, 'c1');
      const second = await request(h, 'c2');
      expect(second.replies[0]).toMatch(/排在第2位.*暂无法估计/);
    });

    it('estimates the wait from recent acceptances once there are enough', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a', { capacity: 10 })] });
      await online(h, 'a');
      for (const i of [1, 2, 3]) {
        const t = (await request(h, `old${i}`)).ticket!;
        h.clock.advance(120_000);
        await h.service.lawyers.accept(t.id, 'a');
      }
      await h.service.lawyers.setPresence('a', 'busy');
      const next = await request(h, 'c-new');
      expect(next.replies[0]).toMatch(/排在第1位，预计等待约2分钟/);
    });

    it('keeps what the citizen types while waiting, for the lawyer to read', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      const { ticket } = await request(h, 'c1', '转人工', { before: ['老板拖欠工资三个月'] });
      const turn = await h.service.citizens.message('directline', 'c1', '公司在英德，欠了两万');
      expect(turn.replies[0]).toMatch(/已记下您的留言.*第1位/);
      await online(h, 'a');
      await h.service.lawyers.accept(ticket!.id, 'a');
      const read = await h.service.lawyers.read(ticket!.id, asLawyer('a'));
      expect(read.messages.filter((m) => m.kind === 'citizen').map((m) => m.text)).toEqual(['公司在英德，欠了两万']);
      expect(read.ticket.transcript.map((l) => l.text)).toEqual(['老板拖欠工资三个月']);
      expect(read.ticket.summary.topic).toBe('劳动纠纷');
    });

    it('cancels on 取消 and the bot gets the conversation back', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1');
      const turn = await h.service.citizens.message('directline', 'c1', '取消');
      expect(turn.replies[0]).toContain('已取消转接');
      expect((await h.service.store.getTicket(ticket!.id))!.status).toBe('cancelled');
      expect((await h.service.citizens.message('directline', 'c1', '你好')).taken).toBe(false);
      expect((await h.service.stats()).abandoned).toBe(1);
    });

    it('takes a callback request: validates the phone, asks a time, leaves the queue, masks the audit', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      const { ticket } = await request(h, 'c1');
      expect((await h.service.citizens.message('directline', 'c1', '请律师回电')).replies[0]).toContain('手机号码');
      expect((await h.service.citizens.message('directline', 'c1', '12345')).replies[0]).toContain('格式好像不对');
      expect((await h.service.citizens.message('directline', 'c1', '138 0013 8000')).replies[0]).toContain('方便接听');
      expect((await h.service.citizens.message('directline', 'c1', '明天上午')).replies[0]).toContain('已登记回电');
      expect((await h.service.store.callbacks())).toMatchObject([{ ticketId: ticket!.id, phone: '13800138000', preferredTime: '明天上午' }]);
      expect((await h.service.store.getTicket(ticket!.id))!.status).toBe('callback');
      expect(h.service.store.queue()).toHaveLength(0);
      const audit = JSON.stringify((await h.service.store.auditLog(ticket!.id)));
      expect(audit).not.toContain('13800138000');
      expect(audit).toContain('138****8000');
      expect((await h.service.stats()).callbacks).toBe(1);
      const [callback] = await h.service.store.callbacks();
      expect((await h.service.store.closeCallback(callback!.id, 'done', { actor: 'a', event: 'callback_closed' }, 1))).toBe(true);
      expect((await h.service.store.callbacks())).toEqual([]);
      expect((await h.service.store.closeCallback(callback!.id, 'done', { actor: 'a', event: 'callback_closed' }, 2))).toBe(false);
      expect((await h.service.store.auditLog(ticket!.id)).map((e) => e.event)).toContain('callback_closed');
    });

    it('an emergency while waiting moves the ticket to the front', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await request(h, 'first');
      const late = (await request(h, 'late')).ticket!;
      await h.service.citizens.message('directline', 'late', '他现在又要打我');
      expect(h.service.store.queue()[0]!.id).toBe(late.id);
    });

    it('elderly citizens go before earlier ordinary requests', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await request(h, 'plain', '转人工', { before: ['合同问题'] });
      const old = (await request(h, 'old', '转人工', { before: ['我是七十岁的老人，儿子不给赡养费'] })).ticket!;
      expect(old.priorityReason).toBe('elderly');
      expect(h.service.store.queue()[0]!.id).toBe(old.id);
    });

    it('while a lawyer owns the chat, messages flow both ways and the bot stays out', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1');
      await h.service.lawyers.accept(ticket!.id, 'a');
      expect(h.texts('c1')[0]).toContain('值班律师a律师（测试律师事务所）已接入');
      const events = h.sent.flatMap((s) => s.activities).filter((a) => a.type === 'event');
      expect(events).toMatchObject([{ name: 'handoff.status', value: { state: 'accepted' } }]);

      const turn = (await h.service.citizens.message('directline', 'c1', '取消')); // relayed, not a command, once a lawyer chats
      expect(turn).toMatchObject({ taken: true, replies: [] });
      await h.service.lawyers.send(ticket!.id, 'a', '您好，请讲');
      expect(h.texts('c1').at(-1)).toBe('【a律师律师】您好，请讲');
      await expect(h.service.lawyers.send(ticket!.id, 'b', '抢答')).rejects.toThrow(/not an open chat/);
    });

    it('after the close asks for a rating and stores it per lawyer, topic and county', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1', '转人工', { before: ['英德的老板拖欠工资'] });
      await h.service.lawyers.accept(ticket!.id, 'a');
      await h.service.lawyers.close(ticket!.id, asLawyer('a'), { returnToBot: true, note: '建议仲裁' });
      expect(h.texts('c1').at(-1)).toMatch(/智能助手继续为您服务[\s\S]*回复1到5/);
      const turn = await h.service.citizens.message('directline', 'c1', '5分，很耐心');
      expect(turn.replies[0]).toContain('感谢您的评价');
      const stats = await h.service.stats();
      expect(stats.rating).toEqual({ count: 1, average: 5 });
      expect(stats.ratingsByLawyer).toEqual([{ key: 'a', ratings: 1, average: 5 }]);
      expect(stats.ratingsByTopic).toEqual([{ key: '劳动纠纷', ratings: 1, average: 5 }]);
      expect(stats.ratingsByCounty).toEqual([{ key: 'yingde', ratings: 1, average: 5 }]);
      expect((await h.service.citizens.message('directline', 'c1', '还有个问题')).taken).toBe(false);
      // The private note is for lawyers only and never sent.
      expect(h.texts('c1').join()).not.toContain('建议仲裁');
    });

    it('a message that is not a rating goes back to the bot', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1');
      await h.service.lawyers.accept(ticket!.id, 'a');
      await h.service.lawyers.close(ticket!.id, asLawyer('a'), {});
      expect((await h.service.citizens.message('directline', 'c1', '怎么申请法律援助')).taken).toBe(false);
      expect((await h.service.stats()).rating.count).toBe(0);
    });

    it('only the assigned lawyer and admins may read the conversation', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a'), lawyer('b')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1');
      await expect(h.service.lawyers.read(ticket!.id, asLawyer('a'))).rejects.toThrow(/only the assigned lawyer/);
      await h.service.lawyers.accept(ticket!.id, 'a');
      await expect(h.service.lawyers.read(ticket!.id, asLawyer('b'))).rejects.toThrow(/only the assigned lawyer/);
      await expect(h.service.lawyers.read(ticket!.id, { id: 3, username: 'x', role: 'agent' })).rejects.toThrow(/only the assigned lawyer/);
      expect((await h.service.lawyers.read(ticket!.id, asLawyer('a'))).ticket.id).toBe(ticket!.id);
      expect((await h.service.lawyers.read(ticket!.id, admin)).ticket.id).toBe(ticket!.id);
      expect((await h.service.store.auditLog(ticket!.id)).map((e) => e.event)).toContain('read_by_admin');
    });
  });

  describe('WeChat window in the relay', () => {
    it('allows five lawyer messages per citizen message and tells the lawyer when closed', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')] });
      await online(h, 'a');
      const { ticket } = await request(h, 'wx1', '转人工', { channelId: 'wechat' });
      await h.service.lawyers.accept(ticket!.id, 'a'); // the "accepted" notice is message 1 of 5
      for (let i = 0; i < 4; i++) await h.service.lawyers.send(ticket!.id, 'a', `第${i + 1}条`);
      const err = (await h.service.lawyers.send(ticket!.id, 'a', '第5条').catch((e: unknown) => e)) as Error & { window?: unknown };
      expect(err.message).toContain('window is closed');
      expect(err.window).toMatchObject({ open: false, reason: 'quota' });
      expect(h.texts('wx1')).toHaveLength(5);
      // No event activities on WeChat: text only.
      expect(h.sent.flatMap((s) => s.activities).every((a) => a.type === 'message')).toBe(true);

      await h.service.citizens.message('wechat', 'wx1', '好的');
      await h.service.lawyers.send(ticket!.id, 'a', '第5条');
      h.clock.advance(48 * 3600_000);
      const late = await h.service.lawyers.send(ticket!.id, 'a', '迟到').catch((e: Error) => e);
      expect((late as Error).message).toContain('expired');
    });

    it('a failed delivery is stored and marked undelivered', async () => {
      const h = await makeHandoff({ lawyers: [lawyer('a')], failDelivery: true });
      await online(h, 'a');
      const { ticket } = await request(h, 'c1');
      await h.service.lawyers.accept(ticket!.id, 'a');
      const r = await h.service.lawyers.send(ticket!.id, 'a', '在吗');
      expect(r.delivered).toBe(false);
      expect((await h.service.store.messages(ticket!.id)).at(-1)).toMatchObject({ kind: 'lawyer', text: '在吗', delivered: false });
    });
  });
});
