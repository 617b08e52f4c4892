-- Hand-written: each lot's running totals kept with every ledger row, filled once from the ledger as it is.
-- Quantities are kept to 0.001, so the totals are exact whole thousandths.
CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO lot_balances (lot_id, on_hand, received, used)
  VALUES (
    NEW.lot_id,
    CAST(round(NEW.quantity * 1000) AS INTEGER),
    CASE WHEN NEW.kind = 'receive' THEN CAST(round(NEW.quantity * 1000) AS INTEGER) ELSE 0 END,
    CASE WHEN NEW.kind = 'use' THEN -CAST(round(NEW.quantity * 1000) AS INTEGER) ELSE 0 END
  )
  ON CONFLICT (lot_id) DO UPDATE SET
    on_hand = on_hand + excluded.on_hand,
    received = received + excluded.received,
    used = used + excluded.used;
END;
--> statement-breakpoint
CREATE TRIGGER lot_balances_no_delete BEFORE DELETE ON lot_balances
BEGIN SELECT RAISE(ABORT, 'a lot''s stock totals are kept with its ledger; they are never deleted'); END;
--> statement-breakpoint
-- The same rule as before (never below zero), read from the lot's total instead of summing its ledger.
DROP TRIGGER stock_movements_never_negative;
--> statement-breakpoint
CREATE TRIGGER stock_movements_never_negative BEFORE INSERT ON stock_movements
WHEN NEW.quantity < 0
  AND coalesce((SELECT on_hand FROM lot_balances WHERE lot_id = NEW.lot_id), 0) + CAST(round(NEW.quantity * 1000) AS INTEGER) < 0
BEGIN SELECT RAISE(ABORT, 'stock on hand cannot go below zero'); END;
--> statement-breakpoint
INSERT INTO lot_balances (lot_id, on_hand, received, used)
SELECT lot_id,
  sum(CAST(round(quantity * 1000) AS INTEGER)),
  sum(CASE WHEN kind = 'receive' THEN CAST(round(quantity * 1000) AS INTEGER) ELSE 0 END),
  sum(CASE WHEN kind = 'use' THEN -CAST(round(quantity * 1000) AS INTEGER) ELSE 0 END)
FROM stock_movements GROUP BY lot_id;
