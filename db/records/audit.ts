import { verifyAuditChain } from '../audit-chain';
import { handlers } from './registry';

export const auditHandlers = handlers({
  'audit.query': (ctx, input) => {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (input.patientId !== undefined) add('patient_id = ?', input.patientId);
    if (input.userId !== undefined) add('user_id = ?', input.userId);
    if (input.action !== undefined) add('action = ?', input.action);
    if (input.from !== undefined) add('at >= ?', new Date(input.from).toISOString());
    if (input.to !== undefined) add('at < ?', new Date(input.to).toISOString());
    if (input.beforeSeq !== undefined) add('seq < ?', input.beforeSeq);
    params.push(input.limit ?? 100);
    const items = ctx.sql
      .prepare(
        `SELECT seq, at, user_id AS userId, action, entity, entity_id AS entityId, patient_id AS patientId,
                change_hash AS changeHash, hash
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...params) as {
      seq: number;
      at: string;
      userId: number | null;
      action: string;
      entity: string;
      entityId: string | null;
      patientId: number | null;
      changeHash: string;
      hash: string;
    }[];
    return { items };
  },
  'audit.verify': (ctx) => verifyAuditChain(ctx.sql),
});
