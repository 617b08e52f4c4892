import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../db/migrate';
import { allMigrations as all, freshDatabase as fresh, migrationIndex as indexOf } from '../support/migration-steps';

const seedStock = (sql: Database.Database) => {
  sql.prepare(`INSERT INTO users (id, name, username, password_hash, role, created_at, updated_at) VALUES (1, 'Ada', 'ada', 'x', 'admin', 't', 't')`).run();
  sql.prepare(`INSERT INTO products (id, name, kind, unit, gtin, created_at, updated_at) VALUES (1, 'Glutathione', 'infusion', 'vial', '09506000134352', 't', 't')`).run();
  sql.prepare(`INSERT INTO lots (id, product_id, lot_number, expires_on, received_on, created_at, updated_at) VALUES (1, 1, 'GLU-2291', '2026-12-31', '2026-01-05', 't', 't')`).run();
  sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at, user_id) VALUES (1, 'receive', 10, 't', 1), (1, 'use', -3, 't', 1)`).run();
};

describe('inventory migrations', () => {
  it('*_inventory: stock recorded before it keeps its ledger, and gains receipt details, reorder levels and one product per GTIN', () => {
    const n = indexOf('inventory');
    const sql = fresh();
    applyMigrations(sql, all.slice(0, n));
    seedStock(sql);
    applyMigrations(sql, all.slice(0, n + 1));
    expect(sql.prepare('SELECT sum(quantity) AS onHand, count(*) AS n FROM stock_movements WHERE lot_id = 1').get()).toEqual({ onHand: 7, n: 2 });
    expect(sql.prepare('SELECT received_on, supplier, invoice FROM stock_movements LIMIT 1').get()).toEqual({ received_on: null, supplier: null, invoice: null });
    expect(sql.prepare('SELECT reorder_level FROM products').get()).toEqual({ reorder_level: null });
    expect(sql.prepare('SELECT status, status_changed_at FROM lots').get()).toEqual({ status: 'active', status_changed_at: null });
    expect(() => sql.prepare(`INSERT INTO products (name, kind, unit, gtin, created_at, updated_at) VALUES ('Copy', 'serum', 'mL', '09506000134352', 't', 't')`).run()).toThrow(/UNIQUE/);
    sql.prepare(`INSERT INTO products (name, kind, unit, created_at, updated_at) VALUES ('No GTIN 1', 'serum', 'mL', 't', 't'), ('No GTIN 2', 'serum', 'mL', 't', 't')`).run();
    const plan = (sql.prepare('EXPLAIN QUERY PLAN SELECT sum(quantity) FROM stock_movements WHERE lot_id = 1').all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toMatch(/COVERING INDEX stock_movements_lot_quantity/);
    sql.close();
  });

  it('*_inventory_sql: existing rows are kept, and afterwards the ledger refuses to go negative and lots keep their identity', () => {
    const n = indexOf('inventory_sql');
    const sql = fresh();
    applyMigrations(sql, all.slice(0, n));
    seedStock(sql);
    applyMigrations(sql, all.slice(0, n + 1));
    expect(sql.prepare('SELECT count(*) AS n FROM stock_movements').get()).toEqual({ n: 2 });
    const move = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at) VALUES (1, ?, ?, 't')`);
    expect(() => move.run('use', -8)).toThrow(/below zero/);
    expect(() => move.run('adjust', 0)).toThrow(/must move stock/);
    move.run('use', -7);
    expect(() => sql.prepare(`UPDATE lots SET lot_number = 'X'`).run()).toThrow(/keeps its product and lot number/);
    sql.prepare(`UPDATE lots SET status = 'recalled'`).run();
    expect(() => sql.prepare(`UPDATE lots SET status = 'active'`).run()).toThrow(/stays recalled/);
    expect(() => sql.prepare('DELETE FROM lots').run()).toThrow(/never deleted/);
    sql.close();
  });

  it('*_lot_balances_sql: each lot recorded before it gets totals equal to its ledger, kept from then on', () => {
    const n = indexOf('lot_balances_sql');
    const sql = fresh();
    applyMigrations(sql, all.slice(0, n));
    seedStock(sql);
    sql.prepare(`INSERT INTO lots (id, product_id, lot_number, expires_on, received_on, created_at, updated_at) VALUES (2, 1, 'GLU-3001', '2027-06-30', '2026-02-01', 't', 't')`).run();
    sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at, user_id) VALUES (2, 'receive', 5.25, 't', 1), (2, 'waste', -0.125, 't', 1), (2, 'use', -1.1, 't', 1)`).run();
    applyMigrations(sql, all.slice(0, n + 1));
    const balances = sql.prepare('SELECT lot_id AS lotId, on_hand AS onHand, received, used FROM lot_balances ORDER BY lot_id');
    expect(balances.all()).toEqual([
      { lotId: 1, onHand: 7000, received: 10000, used: 3000 },
      { lotId: 2, onHand: 4025, received: 5250, used: 1100 },
    ]);
    const move = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at) VALUES (?, ?, ?, 't')`);
    move.run(2, 'use', -0.025);
    move.run(1, 'receive', 2);
    expect(balances.all()).toEqual([
      { lotId: 1, onHand: 9000, received: 12000, used: 3000 },
      { lotId: 2, onHand: 4000, received: 5250, used: 1125 },
    ]);
    expect(() => move.run(2, 'use', -4.001)).toThrow(/below zero/);
    expect(balances.all()[1]).toMatchObject({ onHand: 4000 });
    sql.close();
  });
});
